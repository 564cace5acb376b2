package dotnet

import (
	"regexp"
	"strings"
	"testing"
)

func TestIsWebProject(t *testing.T) {
	if !IsWebProject([]byte(`<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup/></Project>`)) {
		t.Error("web SDK")
	}
	if !IsWebProject([]byte(`<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.OpenApi" Version="9.0.0" /></ItemGroup></Project>`)) {
		t.Error("ASP.NET Core package")
	}
	if IsWebProject([]byte(`<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit" Version="2.7.1" /></ItemGroup></Project>`)) {
		t.Error("a test project read as a web app")
	}
}

// Every check the project can fail on with code alone has a fix, and no fix
// names another stack's tools.
func TestFixes(t *testing.T) {
	for _, id := range []string{
		"auth.mechanism", "auth.protected-routes", "auth.password-hashing", "auth.no-hardcoded-key",
		"database.relational", "database.migrations", "database.migration-history", "database.models", "database.relationships",
		"api-docs.present", "api-docs.described", "api-docs.error-responses", "api-docs.security-schemes",
		"errors.central-handler", "errors.status-codes", "logging.configured", "logging.requests", "logging.health",
		"tests.present", "tests.depth", "tests.ci", "tests.ci-runs-tests", "security.no-secrets", "security.validation",
		"security.rate-limit", "security.cors", "security.cors-no-wildcard", "scope.pagination", "deployment.config",
	} {
		if len(Fixes[id]) == 0 {
			t.Errorf("no fix for %s", id)
		}
	}
	foreign := regexp.MustCompile(`(?i)\b(prisma|alembic|flyway|liquibase|knex|sequelize|typeorm|npm|pip|spring|express|django|flask|fastapi|gradle|maven|jest|pytest|artisan|rails)\b`)
	for id, steps := range Fixes {
		for _, s := range steps {
			if m := foreign.FindString(s); m != "" {
				t.Errorf("%s advises %q: %s", id, m, s)
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s has an empty step", id)
			}
		}
	}
}
