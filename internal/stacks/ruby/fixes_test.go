package ruby_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/stacks/ruby"
	"github.com/vetfolio/vetfolio/rules"
)

// TestRailsFixesNameRailsTools checks that every fix is keyed by a check
// the rubric has and never advises another stack's tools.
func TestRailsFixesNameRailsTools(t *testing.T) {
	ids := map[string]bool{}
	for _, id := range rules.CheckIDs() {
		ids[id] = true
	}
	foreign := regexp.MustCompile(`(?i)\b(?:prisma|alembic|flyway|sequelize|typeorm|knex|pip install|npm|express|django|fastapi|spring|jsonwebtoken|passport|golang|eloquent|artisan|dotnet|EF Core)\b`)
	for id, steps := range ruby.RailsFixes {
		if base, _, _ := strings.Cut(id, "+"); !ids[base] { // a variant: database.primary-keys+join
			t.Errorf("fix keyed by %q, which is no check of the rubric", id)
		}
		if len(steps) == 0 {
			t.Errorf("%s: no steps", id)
		}
		for _, s := range steps {
			if m := foreign.FindString(s); m != "" {
				t.Errorf("%s: step names %q, another stack's tool: %s", id, m, s)
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty step", id)
			}
		}
	}
	for _, id := range []string{"auth.mechanism", "auth.protected-routes", "auth.password-hashing", "database.migrations",
		"database.relationships", "api-docs.present", "errors.central-handler", "tests.present", "tests.ci-runs-tests",
		"logging.configured", "logging.health", "security.no-secrets", "security.rate-limit", "scope.pagination"} {
		if _, ok := ruby.RailsFixes[id]; !ok {
			t.Errorf("no Rails fix for %s", id)
		}
	}
}
