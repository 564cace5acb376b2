package js

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the JavaScript/TypeScript group's fix texts by check ID.
var fixes = pack.Fixes{}
