package php

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the PHP group's fix texts by check ID.
var fixes = pack.Fixes{}
