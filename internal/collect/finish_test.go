package collect

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// A small Express API with a Mongoose model, auth and a Swagger UI: every
// detector has something to say about it.
var expressFiles = map[string]string{
	"package.json": `{"name":"api","dependencies":{"express":"^4","mongoose":"^8","jsonwebtoken":"^9","bcryptjs":"^2","swagger-ui-express":"^5","swagger-jsdoc":"^6","winston":"^3"},"devDependencies":{"jest":"^29"}}`,
	"app.js": `const express = require('express');
const jwt = require('jsonwebtoken');
const swaggerUi = require('swagger-ui-express');
const app = express();
app.get('/health', (req, res) => res.json({ok: true}));
app.use('/api/users', require('./routes/users'));
app.use((err, req, res, next) => res.status(500).json({error: err.message}));
module.exports = app;
`,
	"routes/users.js": `const router = require('express').Router();
const auth = require('../middleware/auth');
router.get('/', auth, async (req, res) => res.json([]));
router.post('/', async (req, res) => res.status(201).json({}));
router.get('/:id', auth, async (req, res) => res.status(404).json({error: 'not found'}));
module.exports = router;
`,
	"models/user.js": `const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ name: String, team: { type: mongoose.Schema.Types.ObjectId, ref: 'Team' } });
module.exports = mongoose.model('User', userSchema);
`,
	"tests/users.test.js": "const request = require('supertest');\ntest('lists users', async () => { await request(app).get('/api/users'); });\n",
}

func TestDetectorOrderDoesNotMatter(t *testing.T) {
	snap := snapshotOf(t, expressFiles)
	forward, _, err := Collect(context.Background(), snap, Options{})
	if err != nil {
		t.Fatal(err)
	}
	reversed := Default()
	slices.Reverse(reversed)
	backward, _, err := Collect(context.Background(), snap, Options{Detectors: reversed})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(forward)
	b, _ := json.Marshal(backward)
	if string(a) != string(b) {
		t.Errorf("facts depend on the detectors' order:\nforward  %s\nbackward %s", a, b)
	}
	// The facts are not empty: the detectors that read the stack saw it.
	if forward.Stack.Framework != "express" || forward.Endpoints == 0 || forward.Auth.Kind != "jwt" || forward.Database.ORM != "mongoose" {
		t.Errorf("stack %q endpoints %d auth %q orm %q", forward.Stack.Framework, forward.Endpoints, forward.Auth.Kind, forward.Database.ORM)
	}
}

// writer is a detector that writes the auth facts.
type writer struct{ kind string }

func (w writer) Wants(scan.PathInfo) bool { return false }
func (w writer) Scan(scan.File)           {}
func (w writer) Finish(f *facts.Facts)    { f.Auth.Kind = w.kind }

func TestTwoDetectorsWritingOneFactIsAnError(t *testing.T) {
	snap := snapshotOf(t, map[string]string{"main.py": "x = 1\n"})
	_, _, err := Collect(context.Background(), snap, Options{Detectors: []scan.Detector{writer{"jwt"}, writer{"session"}}})
	if err == nil || !strings.Contains(err.Error(), "facts.Auth") {
		t.Fatalf("err = %v, want one naming facts.Auth", err)
	}
	// One writer alone is merged.
	f, _, err := Collect(context.Background(), snap, Options{Detectors: []scan.Detector{writer{"jwt"}}})
	if err != nil || f.Auth.Kind != "jwt" {
		t.Fatalf("auth %q, err %v", f.Auth.Kind, err)
	}
}

func TestJoinAddsTheDocumentsRoutesAndCountsGeneratedOperations(t *testing.T) {
	at := facts.Location{Path: "src/main/java/PetController.java", Line: 3}
	f := &facts.Facts{
		Endpoints: 1, Routes: facts.Routes{List: []string{"GET /api/vets"}},
		OpenAPI: facts.OpenAPI{Kind: "static-file", Valid: true, OperationKeys: []string{"get /vets", "post /owners"}, ImplementedAt: &at},
	}
	join(f)
	if f.Endpoints != 2 || !slices.Contains(f.Routes.List, "POST /owners") {
		t.Errorf("endpoints %d routes %v: the document's POST /owners should be added, GET /vets not twice", f.Endpoints, f.Routes.List)
	}
	g := &facts.Facts{Endpoints: 7, OpenAPI: facts.OpenAPI{Kind: "framework-generated", CountRoutes: true, Described: 9, ErrorResponses: 2}}
	join(g)
	if g.OpenAPI.Operations != 7 || g.OpenAPI.Described != 7 || g.OpenAPI.ErrorResponses != 2 || g.OpenAPI.CountRoutes {
		t.Errorf("generated document: %+v, want 7 operations from the routes, described capped at 7", g.OpenAPI)
	}
}
