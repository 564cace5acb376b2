package rules

import (
	"strings"
	"testing"
)

func TestCodeCriteriaValid(t *testing.T) {
	if err := Validate([]*Criterion{errorsCriterion, loggingCriterion, scopeCriterion}); err != nil {
		t.Fatal(err)
	}
}

func codeOutcome(r Result) string {
	switch {
	case r.Skipped:
		return "skip"
	case r.Passed:
		return "pass"
	}
	return "fail"
}

func TestCodeChecks(t *testing.T) {
	ev := []Location{{Path: "app/main.py", Line: 7}}
	yes, no := true, false
	live := func(l Live) *Facts { l.URL, l.Reachable = "https://shop.fly.dev", true; return &Facts{Live: &l} }
	routes := func(list ...string) *Facts { return &Facts{Endpoints: len(list), Routes: Routes{List: list}} }
	tests := []struct {
		name  string
		check *Check
		facts *Facts
		want  string
	}{
		{"central", errorsCentral, &Facts{ErrorHandling: ErrorHandling{Central: true, Evidence: ev}}, "pass"},
		{"not central", errorsCentral, &Facts{}, "fail"},
		{"two 4xx", errorsStatusCodes, &Facts{ErrorHandling: ErrorHandling{StatusCodes: []int{404, 422}}}, "pass"},
		{"one 4xx and 500", errorsStatusCodes, &Facts{ErrorHandling: ErrorHandling{StatusCodes: []int{404, 500}}}, "fail"},
		{"only 500", errorsStatusCodes, &Facts{ErrorHandling: ErrorHandling{StatusCodes: []int{500}}}, "fail"},
		{"no codes", errorsStatusCodes, &Facts{}, "fail"},
		{"json 404 not probed", errorsLiveJSON404, &Facts{}, "skip"},
		{"json 404 unreachable", errorsLiveJSON404, &Facts{Live: &Live{URL: "https://x"}}, "skip"},
		{"json 404 unknown", errorsLiveJSON404, live(Live{}), "skip"},
		{"json 404", errorsLiveJSON404, live(Live{NotFoundJSON: &yes}), "pass"},
		{"html 404", errorsLiveJSON404, live(Live{NotFoundJSON: &no}), "fail"},
		{"leaks not probed", errorsNoLeaks, &Facts{}, "skip"},
		{"no leaks", errorsNoLeaks, live(Live{}), "pass"},
		{"leaks", errorsNoLeaks, live(Live{Leaks: []Leak{{Path: "/nope", Kind: "stack-trace"}}}), "fail"},

		{"configured", loggingConfigured, &Facts{Logging: Logging{Library: "structlog", Configured: true, Evidence: ev}}, "pass"},
		{"imported only", loggingConfigured, &Facts{Logging: Logging{Library: "logging"}}, "fail"},
		{"no logger", loggingConfigured, &Facts{}, "fail"},
		{"requests", loggingRequests, &Facts{Logging: Logging{RequestLogging: true}}, "pass"},
		{"no requests", loggingRequests, &Facts{}, "fail"},
		{"health in code", loggingHealth, &Facts{Logging: Logging{HealthPath: "/health"}}, "pass"},
		{"health live", loggingHealth, live(Live{HealthPath: "/healthz"}), "pass"},
		{"no health", loggingHealth, &Facts{}, "fail"},

		{"eight endpoints", scopeEndpoints, routes("GET /users", "POST /users", "GET /users/{id}", "DELETE /users/{id}",
			"GET /orders", "POST /orders", "GET /orders/{id}", "PATCH /orders/{id}", "GET /health"), "pass"},
		{"crud plus health", scopeEndpoints, routes("GET /items", "POST /items", "GET /items/{id}", "GET /health",
			"GET /api/v1/healthz", "GET /docs", "GET /openapi.json", "GET /actuator/health", "GET /utils/health-check"), "fail"},
		{"no routes", scopeEndpoints, &Facts{}, "fail"},
		{"three resources", scopeResources, &Facts{Routes: Routes{Resources: []string{"orders", "products", "users"}}}, "pass"},
		{"one resource", scopeResources, &Facts{Routes: Routes{Resources: []string{"todos"}}}, "fail"},
		{"relations", scopeRelations, &Facts{Relationships: true}, "pass"},
		{"no relations", scopeRelations, &Facts{}, "fail"},
		{"pagination", scopePagination, &Facts{Scope: Scope{Pagination: true}}, "pass"},
		{"no pagination", scopePagination, &Facts{}, "fail"},
		{"client", scopeClient, &Facts{Scope: Scope{Client: "frontend"}}, "pass"},
		{"no client", scopeClient, &Facts{}, "fail"},
		{"extras", scopeExtras, &Facts{Scope: Scope{Extras: []string{"caching"}}}, "pass"},
		{"no extras", scopeExtras, &Facts{}, "fail"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.check.Run(tc.facts)
			if got := codeOutcome(r); got != tc.want {
				t.Errorf("%s: got %s (%q), want %s", tc.check.ID, got, r.Message, tc.want)
			}
			if r.Message == "" {
				t.Error("empty message")
			}
		})
	}
}

func TestCodeFixesPerStack(t *testing.T) {
	stacks := map[string]Stack{
		"fastapi":     {Language: "python", Framework: "fastapi"},
		"django":      {Language: "python", Framework: "django"},
		"flask":       {Language: "python", Framework: "flask"},
		"spring-boot": {Language: "java", Framework: "spring-boot"},
		"express":     {Language: "javascript", Framework: "express"},
		"nestjs":      {Language: "typescript", Framework: "nestjs"},
		"fastify":     {Language: "javascript", Framework: "fastify"},
		"gin":         {Language: "go", Framework: "gin"},
		"none":        {},
	}
	for _, c := range []*Criterion{errorsCriterion, loggingCriterion, scopeCriterion} {
		for _, k := range c.Checks {
			for name, s := range stacks {
				if steps := k.Fix(s); len(steps) == 0 || strings.TrimSpace(steps[0]) == "" {
					t.Errorf("%s: no fix for %s", k.ID, name)
				}
			}
		}
	}
	if got := errorsCentral.Fix(Stack{Language: "java", Framework: "spring-boot"}); !strings.Contains(got[0], "@RestControllerAdvice") {
		t.Errorf("spring fix = %q", got)
	}
	if got := loggingRequests.Fix(Stack{Language: "go", Framework: "chi"}); !strings.Contains(got[0], "middleware.Logger") {
		t.Errorf("chi fix = %q", got)
	}
	if got := loggingHealth.Fix(Stack{Language: "go", Framework: "echo"}); !strings.Contains(got[0], "/healthz") {
		t.Errorf("go fix = %q", got)
	}
}
