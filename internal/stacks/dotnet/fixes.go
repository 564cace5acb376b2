package dotnet

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the C#/.NET group's fix texts by check ID.
var fixes = pack.Fixes{}
