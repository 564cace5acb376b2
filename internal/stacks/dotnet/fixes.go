package dotnet

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the C#/.NET group's fix texts by check ID (Fixes in
// framework.go, where the tests check them).
var fixes = pack.Join(pack.Fixes(Fixes), schemaFixes)
