package openapi

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// runFacts is run that returns all the facts, routes included.
func runFacts(st facts.Stack, pre facts.Facts, files map[string]string) *facts.Facts {
	d := New()
	for p, c := range files {
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(c)
		}
		d.Scan(f)
	}
	inv := &pre
	inv.Stack = st
	d.Finish(inv)
	joinLikeTheCollector(inv)
	return inv
}

const petSpec = `openapi: 3.0.1
info:
  title: Pet clinic
  version: 1.0.0
servers:
  - url: http://localhost:9966/petclinic/api
paths:
  /owners:
    get:
      operationId: listOwners
      responses:
        "200": {description: owners}
    post:
      operationId: addOwner
      responses:
        "201": {description: created}
  /owners/{ownerId}:
    get:
      operationId: getOwner
      parameters:
        - {name: ownerId, in: path, required: true, schema: {type: integer}}
      responses:
        "200": {description: owner}
        "404": {description: not found}
  /owners/{ownerId}/pets:
    post:
      operationId: addPetToOwner
      parameters:
        - {name: ownerId, in: path, required: true, schema: {type: integer}}
      responses:
        "201": {description: created}
  /vets:
    get:
      operationId: listVets
      responses:
        "200": {description: vets}
  /visits:
    get:
      operationId: listVisits
      responses:
        "200": {description: visits}
`

const ownerController = `package org.springframework.samples.petclinic.rest.controller;

import org.springframework.samples.petclinic.rest.api.OwnersApi;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@CrossOrigin(exposedHeaders = "errors, content-type")
@RequestMapping("/api")
public class OwnerRestController implements OwnersApi {

    private final ClinicService clinicService;

    @Override
    public ResponseEntity<List<OwnerDto>> listOwners(String lastName) {
        return new ResponseEntity<>(ownerMapper.toOwnerDtoCollection(clinicService.findAllOwners()), HttpStatus.OK);
    }
}
`

const kotlinController = `package com.example.pets

@RestController
class PetController(private val service: PetService) : PetsApi {
    override fun listPets(): ResponseEntity<List<Pet>> = ResponseEntity.ok(service.all())
}
`

func TestSpecFirstControllersServeTheDocumentsRoutes(t *testing.T) {
	maven := facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: map[string]bool{
		"spring-boot-starter-web": true, "openapi-generator-maven-plugin": true, "org.openapitools:openapi-generator-maven-plugin": true}}
	gradleKt := facts.Stack{Language: "kotlin", Framework: "spring-boot", Dependencies: map[string]bool{
		"spring-boot-starter-web": true, "org.openapi.generator": true}}
	// The code found one hand-written route already, under /api.
	pre := facts.Facts{Endpoints: 1, Routes: facts.Routes{List: []string{"GET /api/vets"}, Resources: []string{"vets"}}}
	for name, c := range map[string]struct {
		st   facts.Stack
		file string
		src  string
	}{
		"java maven":    {maven, "src/main/java/org/example/rest/OwnerRestController.java", ownerController},
		"kotlin gradle": {gradleKt, "src/main/kotlin/com/example/pets/PetController.kt", kotlinController},
	} {
		f := runFacts(c.st, pre, map[string]string{"src/main/resources/openapi.yml": petSpec, c.file: c.src})
		// Six operations, GET /vets already counted from the code.
		if f.Endpoints != 6 || len(f.Routes.List) != 6 {
			t.Errorf("%s: endpoints %d, routes %v; want 6", name, f.Endpoints, f.Routes.List)
		}
		if got := strings.Join(f.Routes.Resources, ","); got != "owners,vets,visits" {
			t.Errorf("%s: resources %q", name, got)
		}
		if f.Routes.Methods["POST"] != 2 {
			t.Errorf("%s: methods %v", name, f.Routes.Methods)
		}
		if len(f.Routes.Evidence) == 0 || f.Routes.Evidence[len(f.Routes.Evidence)-1].Path != c.file {
			t.Errorf("%s: evidence %v should name the controller", name, f.Routes.Evidence)
		}
	}
}

func TestSpecFirstNeedsGeneratorAndImplementingController(t *testing.T) {
	withPlugin := facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: map[string]bool{"openapi-generator-maven-plugin": true}}
	noPlugin := facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: map[string]bool{"spring-boot-starter-web": true}}
	plainController := strings.Replace(ownerController, " implements OwnersApi", "", 1)
	// A generated client (implements nothing) is another service's API.
	serviceUsingClient := `@Service
public class BillingService implements PaymentsApi {
}`
	for name, c := range map[string]struct {
		st    facts.Stack
		files map[string]string
	}{
		"no generator plugin":      {noPlugin, map[string]string{"api/openapi.yml": petSpec, "src/main/java/a/OwnerRestController.java": ownerController}},
		"controller without Api":   {withPlugin, map[string]string{"api/openapi.yml": petSpec, "src/main/java/a/OwnerRestController.java": plainController}},
		"client in a service":      {withPlugin, map[string]string{"api/openapi.yml": petSpec, "src/main/java/a/BillingService.java": serviceUsingClient}},
		"no document in the tree":  {withPlugin, map[string]string{"src/main/java/a/OwnerRestController.java": ownerController}},
		"invalid document in tree": {withPlugin, map[string]string{"api/openapi.yml": strings.Replace(petSpec, "openapi: 3.0.1", "openapi: 3.0.1\npaths: 7", 1), "src/main/java/a/OwnerRestController.java": ownerController}},
	} {
		f := runFacts(c.st, facts.Facts{Endpoints: 1, Routes: facts.Routes{List: []string{"GET /api/vets"}}}, c.files)
		if f.Endpoints != 1 || len(f.Routes.List) != 1 {
			t.Errorf("%s: endpoints %d, routes %v; want the code's 1", name, f.Endpoints, f.Routes.List)
		}
	}
}
