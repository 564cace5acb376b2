// Package dotnet is the stack pack of C#/.NET. It holds what vetfolio
// knew of the group before the pack was written in full: the frameworks,
// the models, relations and migrations the database detector read, and
// the test patterns.
package dotnet

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the C#/.NET stack pack.
var Pack = &pack.Pack{
	ID:        "dotnet",
	Name:      "C#/.NET",
	Ecosystem: "dotnet",
	Languages: map[string]string{".cs": "csharp"},
	Frameworks: []pack.Framework{
		{ID: "aspnet", Name: "ASP.NET Core", DepPrefixes: []string{"microsoft.aspnetcore"}},
	},
	Database: pack.Database{
		Model:    scan.MustCompile(`\bDbSet<(\w+)>`),
		Relation: scan.MustCompile(`\.(?:HasOne|HasMany|WithOne|WithMany|HasForeignKey)\s*[<(]|\[ForeignKey\(`),
		Migrations: []pack.MigrationTool{
			{Tool: "efcore", Path: scan.MustCompile(`(^|/)Migrations/\d{14}_\w+\.cs$`), Skip: func(p string) bool { return strings.HasSuffix(p, ".Designer.cs") }},
		},
		ORMs: map[string]string{"microsoft.entityframeworkcore": "ef-core"},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"csharp": {Test: scan.MustCompile(`\[(?:Fact|Theory|Test|TestMethod|TestCase)\b`),
				Frameworks: []pack.Named{
					pack.N("xunit", `\[(?:Fact|Theory)\b|\busing Xunit\b`),
					pack.N("mstest", `\[TestMethod\b`),
					pack.N("nunit", `\[(?:Test|TestCase)\b|\busing NUnit\b`),
				},
				Integration: scan.MustCompile(`\bWebApplicationFactory\b|\bTestServer\b`),
			},
		},
		Framework: func(path, found string, st facts.Stack) string {
			if found != "" {
				return found
			}
			switch {
			case st.HasDep("xunit"):
				return "xunit"
			case st.HasDep("nunit"):
				return "nunit"
			}
			return "mstest"
		},
	},
	Fixes: fixes,
}
