// Package ruby is the stack pack of Ruby. It holds what vetfolio
// knew of the group before the pack was written in full: the frameworks,
// the models, relations and migrations the database detector read, and
// the test patterns.
package ruby

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the Ruby stack pack.
var Pack = &pack.Pack{
	ID:        "ruby",
	Name:      "Ruby",
	Ecosystem: "ruby",
	Languages: map[string]string{".rb": "ruby"},
	Frameworks: []pack.Framework{
		{ID: "rails", Name: "Ruby on Rails", Deps: []string{"rails", "railties"}},
		{ID: "sinatra", Name: "Sinatra", Deps: []string{"sinatra"}},
		{ID: "grape", Name: "Grape", Deps: []string{"grape"}},
		{ID: "hanami", Name: "Hanami", Deps: []string{"hanami"}},
	},
	Database: pack.Database{
		Model:    scan.MustCompile(`(?m)^\s*class\s+(\w+)\s*<\s*(?:ApplicationRecord|ActiveRecord::Base)\b`),
		Relation: scan.MustCompile(`(?m)^\s*(?:belongs_to|has_many|has_one|has_and_belongs_to_many)\s+:|\bt\.references\b|\badd_foreign_key\b|\bforeign_key:\s*true`),
		Migrations: []pack.MigrationTool{
			{Tool: "rails", Path: scan.MustCompile(`(^|/)db/migrate/\d+_\w+\.rb$`)},
		},
		ORMs: map[string]string{"activerecord": "activerecord", "rails": "activerecord"},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"ruby": {Test: scan.MustCompile(`(?m)^[ \t]*(?:RSpec\.)?describe\b|^[ \t]*it\s+["']|^[ \t]*def\s+test_|^[ \t]*test\s+["']`),
				Frameworks: []pack.Named{
					pack.N("rspec", `\bRSpec\b|(?m)^\s*describe\b`),
					pack.N("minitest", `\bMinitest\b|\bActiveSupport::TestCase\b|\bActionDispatch::IntegrationTest\b|\bTest::Unit\b`),
				},
				Integration: scan.MustCompile(`type:\s*:request\b|\bActionDispatch::IntegrationTest\b|\bRack::Test\b`),
			},
		},
		Framework: func(path, found string, st facts.Stack) string {
			if found != "" {
				return found
			}
			if strings.HasSuffix(path, "_spec.rb") || st.HasDep("rspec", "rspec-rails") {
				return "rspec"
			}
			return "minitest"
		},
	},
	Fixes: fixes,
}
