package auth

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// The code and dependency signals of each language group live in its
// stack pack (internal/stacks/<group>: Pack.Auth). The group IDs below
// name the groups whose route protection this engine still reads with
// code of its own (see protections).
const (
	grpPython = "python"
	grpJVM    = "jvm"
	grpJS     = "js"
	grpGo     = "go"
)

// sharedDeps are dependency names several ecosystems spell alike (PyPI
// and npm both have bcrypt): they count whatever the project's group.
var sharedDeps = map[string]pack.DepSignal{
	"bcrypt": {Hash: "bcrypt"},
}
