package php

import "github.com/vetfolio/vetfolio/internal/scan"

// StatusNumbers find the 4xx/5xx statuses Laravel code answers with; group
// 1 is the number: response()->json($x, 404), abort(403), abort_if($c, 409),
// ->setStatusCode(422), new HttpException(429).
var StatusNumbers = []*scan.Regexp{
	scan.MustCompile(`\bresponse\s*\(\s*\)\s*->\s*(?:json|noContent)\s*\([^;]*?,\s*([45]\d\d)\b`),
	scan.MustCompile(`\bresponse\s*\([^;()]*,\s*([45]\d\d)\s*\)`),
	scan.MustCompile(`\babort\s*\(\s*([45]\d\d)\b`),
	scan.MustCompile(`\babort_(?:if|unless)\s*\([^,;]+,\s*([45]\d\d)\b`),
	scan.MustCompile(`->\s*setStatusCode\s*\(\s*([45]\d\d)\b`),
	scan.MustCompile(`\bnew\s+HttpException\s*\(\s*([45]\d\d)\b`),
}

// StatusNames find statuses named by Symfony's constants; group 1 is the
// name: Response::HTTP_NOT_FOUND, JsonResponse::HTTP_UNPROCESSABLE_ENTITY.
var StatusNames = []*scan.Regexp{
	scan.MustCompile(`\b(?:Response|JsonResponse|SymfonyResponse)::HTTP_([A-Z_]+)`),
}

// Pagination finds a paginated query: Model::paginate(20), ->simplePaginate(),
// ->cursorPaginate().
var Pagination = scan.MustCompile(`(?:->|::)\s*(?:paginate|simplePaginate|cursorPaginate)\s*\(`)
