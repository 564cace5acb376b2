package ruby

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the Ruby group's fix texts by check ID.
var fixes = pack.Fixes{}
