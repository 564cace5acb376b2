// Package php is the stack pack of PHP. It holds what vetfolio
// knew of the group before the pack was written in full: the frameworks,
// the models, relations and migrations the database detector read, and
// the test patterns.
package php

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the PHP stack pack.
var Pack = &pack.Pack{
	ID:        "php",
	Name:      "PHP",
	Ecosystem: "php",
	Languages: map[string]string{".php": "php"},
	Frameworks: []pack.Framework{
		{ID: "laravel", Name: "Laravel", Deps: []string{"laravel/framework", "laravel/lumen-framework"}},
		{ID: "symfony", Name: "Symfony", Deps: []string{"symfony/framework-bundle"}},
		{ID: "slim", Name: "Slim", Deps: []string{"slim/slim"}},
	},
	Database: pack.Database{
		ORMs: map[string]string{"laravel/framework": "eloquent", "doctrine/orm": "doctrine"},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"php": {Test: scan.MustCompile(`function\s+test\w*\s*\(|#\[Test\]|(?m)^[ \t]*(?:test|it)\s*\(\s*['"]`),
				Frameworks: []pack.Named{
					pack.N("phpunit", `\bPHPUnit\b|\bextends\s+\w*TestCase\b`),
					pack.N("pest", `(?m)^\s*(?:test|it)\s*\(\s*['"]`),
				},
				Integration: scan.MustCompile(`\$this->(?:get|post|put|patch|delete|json)(?:Json)?\(|\bWebTestCase\b|->createClient\(`),
			},
		},
		Framework: func(path, found string, st facts.Stack) string {
			if found != "" {
				return found
			}
			return "phpunit"
		},
	},
	Fixes: fixes,
}
