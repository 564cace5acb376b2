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
	"github.com/vetfolio/vetfolio/internal/detect/schema"
	"github.com/vetfolio/vetfolio/internal/detect/secret"
	"github.com/vetfolio/vetfolio/internal/detect/security"
	"github.com/vetfolio/vetfolio/internal/detect/stack"
	"github.com/vetfolio/vetfolio/internal/scan"
)

// Default returns a fresh set of the detectors. Their order does not
// matter: the stack detector finishes first wherever it stands (it
// DecidesStack), each detector writes only its own part of the facts,
// and the collector joins what combines two parts (see finish).
func Default() []scan.Detector {
	return []scan.Detector{
		stack.New(),
		database.New(),
		schema.New(),
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
