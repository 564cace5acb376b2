package code

import (
	"math/rand"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// TestNoPanicOnBrokenInput feeds truncated fixtures (unclosed brackets,
// strings and decorators) and random bytes in every language.
func TestNoPanicOnBrokenInput(t *testing.T) {
	snippets := map[string]string{
		"a.py":   "@router.get(\"/x\", methods=[\"GET\"\n@ns.route('/y')\nclass R(Resource):\n    def get(self): ...\nurlpatterns = [path('a/', include('b.urls')), re_path(r'^c$', V.as_view({'get': 'list'}))]\nrouter.register(r'u', UV)\n\"\"\"unclosed",
		"A.java": "@RequestMapping(value = {\"/a\", \"/b\"}, method = RequestMethod.GET)\n@GetMapping(\"/{id}\"\n@RestControllerAdvice class X { HttpStatus.NOT_FOUND",
		"a.ts":   "@Controller('c')\nexport class C { @Get(':id') x() {} }\napp.use((err, req, res, next) => {\nrouter.route('/r').get(h).post(\nfastify.route({ method: ['GET'], url: '/u'",
		"a.go":   "package a\nfunc R(g *gin.RouterGroup) {\n g.GET(\"/x\", h)\n r.Route(\"/t\", func(r chi.Router) {\n r.Get(\"/\", h)\n s.HandleFunc(\"/n\", h).Methods(\"GET\"",
	}
	rnd := rand.New(rand.NewSource(1))
	for name, src := range snippets {
		for cut := 0; cut <= len(src); cut += 3 {
			d := New()
			d.Scan(scan.File{Path: name, Data: []byte(src[:cut])})
			d.Finish(&facts.Facts{})
		}
		for range 20 {
			b := make([]byte, 300)
			rnd.Read(b)
			d := New()
			d.Scan(scan.File{Path: name, Data: b})
			d.Scan(scan.File{Path: "x/package.json", Data: b})
			d.Scan(scan.File{Path: "application.yml", Data: b})
			d.Finish(&facts.Facts{})
		}
	}
}
