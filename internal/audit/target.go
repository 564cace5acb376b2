package audit

import (
	"context"

	"github.com/vetfolio/vetfolio/internal/source"
)

// Open turns the request's target into a snapshot: a local folder for now;
// owner/repo and GitHub URLs are resolved here too once the GitHub source
// is wired in.
func Open(ctx context.Context, req Request) (*source.Snapshot, error) {
	return source.Local(ctx, req.Target)
}
