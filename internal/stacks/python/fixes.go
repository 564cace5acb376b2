package python

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the Python group's fix texts by check ID.
var fixes = pack.Fixes{}
