package openapi

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// A pack generator's Quality reads the documentation in the code: the php
// pack's l5-swagger counts swagger-php attributes.
func TestPackGeneratorQuality(t *testing.T) {
	st := facts.Stack{Language: "php", Framework: "laravel", Manifest: "composer.json",
		Dependencies: map[string]bool{"laravel/framework": true, "darkaonline/l5-swagger": true}}
	oa := run(t, st, map[string]string{
		"app/Http/Controllers/Controller.php": "<?php\n#[OA\\SecurityScheme(securityScheme: 'sanctum', type: 'http', scheme: 'bearer')]\nabstract class Controller {}\n",
		"app/Http/Controllers/EventController.php": `<?php
class EventController extends Controller {
    #[OA\Get(path: '/api/events', summary: 'List events', responses: [new OA\Response(response: 200, description: 'ok')])]
    public function index() {}
    #[OA\Delete(path: '/api/events/{event}', summary: 'Cancel', responses: [new OA\Response(response: 404, description: 'none')])]
    public function destroy() {}
}`,
	})
	if oa.Kind != "annotations" || oa.Generator != "l5-swagger" || oa.Operations != 2 || oa.Described != 2 || oa.ErrorResponses != 1 || !oa.SecuritySchemes {
		t.Errorf("openapi %+v", oa)
	}
	// Installed but nothing written: the document has no operations of its own.
	oa = run(t, st, map[string]string{"app/Http/Controllers/EventController.php": "<?php\nclass EventController {}\n"})
	if oa.Described != 0 || oa.ErrorResponses != 0 || oa.SecuritySchemes {
		t.Errorf("openapi without attributes %+v", oa)
	}
}
