package php

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	withExceptions   = scan.MustCompile(`->\s*withExceptions\s*\(`)
	exceptionHandler = scan.MustCompile(`\bclass\s+\w+\s+extends\s+(?:\\?[\w\\]*\\)?(?:ExceptionHandler|Handler)\b`)
	handlerWork      = scan.MustCompile(`\bfunction\s+render\s*\(|->\s*renderable\s*\(|->\s*render\s*\(|->\s*respond\s*\(|->\s*shouldRenderJsonWhen\s*\(|->\s*map\s*\(`)
	reportableCall   = scan.MustCompile(`->\s*reportable\s*\(`)
	// An exception that renders itself: Laravel's handler calls its
	// render() for every request, so the response shape is still decided
	// in one place per error type.
	renderableException = scan.MustCompile(`\bclass\s+\w+\s+extends\s+(?:\\?[\w\\]*\\)?\w*Exception\b`)
	renderMethod        = scan.MustCompile(`\bfunction\s+render\s*\(`)
)

// CentralErrorHandling returns the offset where a comment-blanked PHP file
// handles errors for the whole application, or -1: bootstrap/app.php's
// ->withExceptions(...) with a body that does something (the skeleton's is
// empty), an exception Handler that renders or reports (the skeleton's
// register() with an empty reportable closure does not count), or an
// exception class with its own render().
func CentralErrorHandling(file string, code []byte) int {
	if loc := withExceptions.FindIndex(code); loc != nil {
		open := loc[1] - 1
		end := matchParen(code, open, len(code))
		if end < 0 {
			end = len(code)
		}
		if closureDoesWork(code[open+1 : end]) {
			return loc[0]
		}
	}
	if loc := exceptionHandler.FindIndex(code); loc != nil {
		if handlerWork.Match(code) {
			return loc[0]
		}
		for _, m := range reportableCall.FindAllIndex(code, -1) {
			open := m[1] - 1
			end := matchParen(code, open, len(code))
			if end > 0 && closureDoesWork(code[open+1:end]) {
				return loc[0]
			}
		}
	}
	if loc := renderableException.FindIndex(code); loc != nil && strings.Contains(file, "Exception") && renderMethod.Match(code) {
		return loc[0]
	}
	return -1
}

// closureDoesWork says an argument list holding a closure has a statement
// in its body (or is an arrow fn / a callable, which always do something).
func closureDoesWork(args []byte) bool {
	open := indexIn(args, 0, len(args), "{")
	if open < 0 {
		return len(strings.TrimSpace(string(args))) > 0
	}
	end := matchBrace(args, open, len(args))
	if end < 0 {
		end = len(args)
	}
	return strings.TrimSpace(string(args[open+1:end])) != ""
}
