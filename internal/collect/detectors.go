package collect

import (
	"github.com/vetfolio/vetfolio/internal/detect/auth"
	"github.com/vetfolio/vetfolio/internal/detect/code"
	"github.com/vetfolio/vetfolio/internal/detect/container"
	"github.com/vetfolio/vetfolio/internal/detect/database"
	"github.com/vetfolio/vetfolio/internal/detect/graphql"
	"github.com/vetfolio/vetfolio/internal/detect/inline"
	"github.com/vetfolio/vetfolio/internal/detect/openapi"
	"github.com/vetfolio/vetfolio/internal/detect/project"
	"github.com/vetfolio/vetfolio/internal/detect/secret"
	"github.com/vetfolio/vetfolio/internal/detect/security"
	"github.com/vetfolio/vetfolio/internal/detect/stack"
	"github.com/vetfolio/vetfolio/internal/scan"
)

// Default returns a fresh set of the detectors, in the order their Finish
// runs: the stack first, since the others tailor their findings to it, and
// the routes before the detectors that compare against them.
func Default() []scan.Detector {
	return []scan.Detector{
		stack.New(),
		database.New(),
		code.New(),
		auth.New(),
		openapi.New(),
		graphql.New(),
		security.New(),
		secret.New(),
		container.New(),
		project.New(),
		inline.New(),
	}
}
