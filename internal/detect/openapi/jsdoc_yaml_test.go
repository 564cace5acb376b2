package openapi

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// swagger-jsdoc merges the YAML files its apis option lists; the security
// schemes of many Express boilerplates live in such a components file.
func TestSwaggerJSDocSchemesInYAMLFragment(t *testing.T) {
	const options = "import swaggerJSDoc from 'swagger-jsdoc'\n\nconst options: swaggerJSDoc.Options = {\n  definition: { openapi: '3.0.0', info: { title: 'API', version: '1.0.0' } },\n  apis: ['./src/docs/*.yaml', './src/routes/v1/*.ts'],\n}\nexport const spec = swaggerJSDoc(options)\n"
	const route = "import express from 'express'\nconst router = express.Router()\n\n/**\n * @swagger\n * /users/{id}:\n *   get:\n *     summary: Get a user\n *     security:\n *       - bearerAuth: []\n *     responses:\n *       \"200\":\n *         description: OK\n *       \"401\":\n *         $ref: '#/components/responses/Unauthorized'\n */\nrouter.get('/:id', auth(), getUser)\n"
	st := facts.Stack{Language: "typescript", Framework: "express", Dependencies: map[string]bool{"swagger-jsdoc": true}}
	tests := []struct {
		name       string
		components string
		want       bool
	}{
		{"components.yaml declares bearerAuth", "components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n  responses:\n    Unauthorized:\n      description: Please authenticate\n", true},
		{"components.yaml without schemes", "components:\n  schemas:\n    User:\n      type: object\n      properties:\n        id:\n          type: integer\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, st, map[string]string{
				"src/docs/swagger-options.ts": options,
				"src/routes/v1/user-route.ts": route,
				"src/docs/components.yaml":    tt.components,
			})
			if o.Generator != "swagger-jsdoc" {
				t.Fatalf("generator = %q (%+v)", o.Generator, o)
			}
			if o.SecuritySchemes != tt.want {
				t.Errorf("security schemes = %v, want %v", o.SecuritySchemes, tt.want)
			}
		})
	}
}
