package php

import (
	"github.com/vetfolio/vetfolio/internal/scan"
)

// Generator is an OpenAPI generator for Laravel, known by its Composer package.
type Generator struct {
	Name string
	// Kind is "annotations" when the document is written in the code
	// (swagger-php attributes or docblocks), "framework-generated" when
	// the tool infers it from routes, form requests and resources.
	Kind string
}

// Generators maps Composer packages to the OpenAPI generator they install.
var Generators = map[string]Generator{
	"darkaonline/l5-swagger":     {"l5-swagger", "annotations"},
	"zircote/swagger-php":        {"swagger-php", "annotations"},
	"knuckleswtf/scribe":         {"scribe", "framework-generated"},
	"dedoc/scramble":             {"scramble", "framework-generated"},
	"vyuldashev/laravel-openapi": {"laravel-openapi", "annotations"},
}

var (
	// swagger-php operations as PHP 8 attributes (#[OA\Get(...)]) or
	// docblock annotations (@OA\Get(...)); docblocks are comments, so this
	// is matched on the raw text.
	oaOperation = scan.MustCompile(`(?:#\[\s*|@)OA\\(Get|Post|Put|Patch|Delete|Options|Head)\s*\(`)
	oaDescribed = scan.MustCompile(`\b(?:summary|description)\s*[:=]`)
	oaError     = scan.MustCompile(`\bresponse\s*[:=]\s*["']?[45]\d\d\b`)
	oaScheme    = scan.MustCompile(`(?:#\[\s*|@)OA\\SecurityScheme\s*\(`)
)

// OperationQuality counts the swagger-php operations in one raw PHP file:
// how many, how many carry a summary or description, how many document an
// error response, and whether a security scheme is declared.
type OperationQuality struct {
	Operations, Described, ErrorResponses int
	SecurityScheme                        bool
	FirstOffset                           int
}

// Operations reads the swagger-php attributes or annotations of raw (not
// comment-blanked) PHP source.
func Operations(raw []byte) OperationQuality {
	q := OperationQuality{FirstOffset: -1}
	ms := oaOperation.FindAllIndex(raw, -1)
	for i, m := range ms {
		end := len(raw)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		// The operation's own arguments: up to its matching parenthesis.
		if c := matchParen(raw, m[1]-1, end); c > 0 {
			end = c
		}
		body := raw[m[1]:end]
		q.Operations++
		if oaDescribed.Match(body) {
			q.Described++
		}
		if oaError.Match(body) {
			q.ErrorResponses++
		}
		if q.FirstOffset < 0 {
			q.FirstOffset = m[0]
		}
	}
	q.SecurityScheme = oaScheme.Match(raw)
	return q
}
