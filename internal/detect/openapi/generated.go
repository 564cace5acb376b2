package openapi

import (
	"bytes"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Kinds of document, as in the report contract.
const (
	kindStatic      = "static-file"
	kindGenerated   = "framework-generated"
	kindAnnotations = "annotations"
	kindNone        = "none"
)

// signal is evidence that a library generates the document.
type signal struct {
	name string
	kind string
	ev   facts.Location
}

// quality counts documentation written for a generator: operations seen,
// those described, those documenting error responses, and whether
// security schemes are declared.
type quality struct {
	ops, described, errors int
	schemes                bool
	// allErrors is set when error responses are documented for every
	// operation at once (springdoc reading @ControllerAdvice handlers, a
	// FastAPI router with responses=).
	allErrors bool
}

// call returns the text of the call whose opening parenthesis is at or after
// off, up to its matching parenthesis, bounded to keep scanning linear.
func call(code []byte, off int) []byte {
	c, _ := callEnd(code, off)
	return c
}

// callEnd is call that also returns the offset just after the call.
func callEnd(code []byte, off int) ([]byte, int) {
	const limit = 4000
	i := bytes.IndexByte(code[off:], '(')
	if i < 0 {
		return nil, len(code)
	}
	start := off + i
	depth := 0
	for j := start; j < len(code) && j < start+limit; j++ {
		switch code[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return code[start : j+1], j + 1
			}
		}
	}
	end := min(len(code), start+limit)
	return code[start:end], end
}

func loc(p string, data []byte, off int) facts.Location {
	return facts.Location{Path: p, Line: scan.LineAt(data, off)}
}

// record keeps the first evidence of a generator.
func (d *detector) record(name, kind, p string, data []byte, off int) {
	if _, ok := d.signals[name]; ok {
		return
	}
	d.signals[name] = &signal{name: name, kind: kind, ev: loc(p, data, off)}
	d.order = append(d.order, name)
}

func (d *detector) quality(name string) *quality {
	q := d.q[name]
	if q == nil {
		q = &quality{}
		d.q[name] = q
	}
	return q
}

// ---- Python ----

var (
	pyImportFastAPI = scan.MustCompile(`(?m)^\s*(from\s+fastapi(\.\w+)*\s+import|import\s+fastapi)\b`)
	pyFastAPIApp    = scan.MustCompile(`\bFastAPI\s*\(`)
	pyOpenAPIOff    = scan.MustCompile(`\bopenapi_url\s*=\s*None\b`)
	pyRoute         = scan.MustCompile(`(?m)^[ \t]*@\w+(?:\.\w+)*\.(get|post|put|patch|delete|api_route)\s*\(`)
	pyDescribedArg  = scan.MustCompile(`\b(summary|description)\s*=`)
	pyResponsesArg  = scan.MustCompile(`\bresponses\s*=`)
	pyRouterResp    = scan.MustCompile(`\bAPIRouter\s*\([^)]*\bresponses\s*=`)
	pyDefDoc        = scan.MustCompile(`^\s*(?:async\s+)?def\s+\w+\s*\((?s:.*?)\)\s*(?:->[^:\n]+)?:\s*\n\s*[rRuUbB]?("""|''')`)
	pyFastAPISec    = scan.MustCompile(`\b(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|HTTPBearer|HTTPBasic|APIKeyHeader|APIKeyQuery|APIKeyCookie|OpenIdConnect)\s*\(`)
	// A subclass of a security class (class JWTBearer(HTTPBearer):) is
	// declared in the document as its base scheme.
	pyFastAPISecSub  = scan.MustCompile(`(?m)^[ \t]*class\s+\w+\s*\(\s*(?:[\w.]+\.)?(?:OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|OAuth2|HTTPBearer|HTTPBasic|HTTPDigest|APIKeyHeader|APIKeyQuery|APIKeyCookie|OpenIdConnect)\s*\)\s*:`)
	pySpectacular    = scan.MustCompile(`\bSpectacular(API|Swagger|Redoc|JSONAPI|YAMLAPI)View\b`)
	pyYasg           = scan.MustCompile(`(?m)^\s*from\s+drf_yasg(\.\w+)*\s+import`)
	pyDRFSchema      = scan.MustCompile(`(?m)^\s*from\s+rest_framework\.schemas\s+import\s+[^\n]*get_schema_view`)
	pySchemaView     = scan.MustCompile(`\bget_schema_view\s*\(`)
	pyExtendSchema   = scan.MustCompile(`\b(extend_schema|swagger_auto_schema)\s*\(`)
	pyExtDescribed   = scan.MustCompile(`\b(summary|description|operation_summary|operation_description)\s*=`)
	pyErrCode        = scan.MustCompile(`(?:\b[45]\d\d\b|HTTP_[45]\d\d)`)
	pyDRFAuthClasses = scan.MustCompile(`\bDEFAULT_AUTHENTICATION_CLASSES\b|(?m)^[ \t]*authentication_classes\s*=\s*[\[(]\s*\w|@authentication_classes\(\s*[\[(]\s*\w|\bOpenApiAuthenticationExtension\b|["']SECURITY["']\s*:`)
	pyYasgSec        = scan.MustCompile(`\bSECURITY_DEFINITIONS\b`)
	pyFlaskGens      = []struct {
		name string
		re   *scan.Regexp
	}{
		{"flask-smorest", scan.MustCompile(`(?m)^\s*(from\s+flask_smorest\b|import\s+flask_smorest\b)`)},
		{"flasgger", scan.MustCompile(`(?m)^\s*(from\s+flasgger\b|import\s+flasgger\b)`)},
		{"flask-restx", scan.MustCompile(`(?m)^\s*(from\s+flask_restx\b|import\s+flask_restx\b|from\s+flask_restplus\b)`)},
		{"apispec", scan.MustCompile(`(?m)^\s*from\s+apispec\b[^\n]*\bAPISpec\b`)},
	}
	pyFlaskDoc    = scan.MustCompile(`@\w+\.doc\s*\(`)
	pyFlaskErr    = scan.MustCompile(`@\w+\.(alt_response|response)\s*\(\s*(?:code\s*=\s*)?(?:[45]\d\d\b|HTTPStatus\.(?:BAD|NOT|UNAUTH|FORBID|CONFLICT|INTERNAL|UNPROCESS))`)
	pyFlaskSchema = scan.MustCompile(`\bsecurity_scheme\s*\(|\bauthorizations\s*=|securitySchemes|securityDefinitions`)
)

// code is data with comments blanked (scan.File.Source), as for every
// scanner here: the collector blanks each file once for all detectors.
func (d *detector) scanPython(p string, data, code []byte) {
	if pyImportFastAPI.Match(code) {
		q := d.quality("fastapi")
		if m := pyFastAPIApp.FindIndex(code); m != nil {
			d.record("fastapi", kindGenerated, p, data, m[0])
			if pyOpenAPIOff.Match(call(code, m[0])) && d.fastapiOff == nil {
				l := loc(p, data, m[0])
				d.fastapiOff = &l
			}
		}
		// Every FastAPI module says APIRouter, the literal the regexp's
		// prefilter looks for; few say responses, which a match needs too.
		routerResp := scan.Contains(code, "responses") && pyRouterResp.Match(code)
		for _, m := range pyRoute.FindAllIndex(code, -1) {
			args, end := callEnd(code, m[0])
			q.ops++
			if pyDescribedArg.Match(args) || pyDefDoc.Match(code[end:min(len(code), end+2000)]) {
				q.described++
			}
			if routerResp || pyResponsesArg.Match(args) {
				q.errors++
			}
		}
		if pyFastAPISec.Match(code) || pyFastAPISecSub.Match(code) {
			q.schemes = true
		}
	}
	if m := pySpectacular.FindIndex(code); m != nil {
		d.record("drf-spectacular", kindGenerated, p, data, m[0])
	}
	if pyYasg.Match(code) {
		if m := pySchemaView.FindIndex(code); m != nil {
			d.record("drf-yasg", kindGenerated, p, data, m[0])
		}
	}
	if pyDRFSchema.Match(code) {
		if m := pySchemaView.FindIndex(code); m != nil {
			d.record("drf-schema", kindGenerated, p, data, m[0])
		}
	}
	// A decorator, or a per-action call inside
	// @extend_schema_view(list=extend_schema(...)), which is how a ViewSet
	// is documented; extend_schema_view itself does not match.
	for _, m := range pyExtendSchema.FindAllIndex(code, -1) {
		args := call(code, m[0])
		for _, g := range []string{"drf-spectacular", "drf-yasg"} {
			q := d.quality(g)
			if pyExtDescribed.Match(args) {
				q.described++
			}
			if bytes.Contains(args, []byte("responses")) && pyErrCode.Match(args) {
				q.errors++
			}
		}
	}
	if pyDRFAuthClasses.Match(code) {
		d.quality("drf-spectacular").schemes = true
	}
	if pyYasgSec.Match(code) {
		d.quality("drf-yasg").schemes = true
	}
	for _, g := range pyFlaskGens {
		if m := g.re.FindIndex(code); m != nil {
			d.record(g.name, kindGenerated, p, data, m[0])
		}
	}
	if scan.Contains(code, "flask") {
		for _, name := range []string{"flask-smorest", "flasgger", "flask-restx", "apispec"} {
			q := d.quality(name)
			for _, m := range pyFlaskDoc.FindAllIndex(code, -1) {
				if pyDescribedArg.Match(call(code, m[0])) {
					q.described++
				}
			}
			q.errors += len(pyFlaskErr.FindAllIndex(code, -1))
			if pyFlaskSchema.Match(code) {
				q.schemes = true
			}
		}
	}
}

// ---- Java and Kotlin ----

var (
	jvSwaggerImport = scan.MustCompile(`(?m)^\s*import\s+io\.swagger\.(v3\.oas\.)?annotations\b`)
	jvOperation     = scan.MustCompile(`@(Operation|ApiOperation)\s*\(`)
	jvDescribed     = scan.MustCompile(`\b(summary|description|value|notes)\s*=|^\(\s*"`)
	jvApiResponse   = scan.MustCompile(`@ApiResponse\s*\(`)
	jvErrCode       = scan.MustCompile(`\b(responseCode|code)\s*=\s*"?[45]\d\d\b`)
	jvSchemes       = scan.MustCompile(`@SecurityScheme\s*\(|\bSecurityScheme\s*\(\s*\)|\.addSecuritySchemes\s*\(|\bsecuritySchemes\s*\(|\bSecurityScheme\.builder\b`)
	jvMapping       = scan.MustCompile(`@(Get|Post|Put|Delete|Patch)Mapping\b`)
	jvAdvice        = scan.MustCompile(`@(Rest)?ControllerAdvice\b`)
	jvAdviceStatus  = scan.MustCompile(`@ResponseStatus\s*\(\s*(?:(?:value|code)\s*=\s*)?(?:HttpStatus\.)?(BAD_REQUEST|NOT_FOUND|UNAUTHORIZED|FORBIDDEN|CONFLICT|UNPROCESSABLE_ENTITY|INTERNAL_SERVER_ERROR)`)
	jvSpringdocCfg  = scan.MustCompile(`\bnew\s+OpenAPI\s*\(|\bOpenAPI\s*\(\s*\)|@OpenAPIDefinition\b|\bGroupedOpenApi\b|\bnew\s+Docket\s*\(|\bDocket\s*\(`)
	// A controller implementing an interface openapi-generator writes from
	// the document (class OwnerRestController implements OwnersApi, or
	// Kotlin's class PetController(...) : PetsApi): its routes are in the
	// document.
	jvController    = scan.MustCompile(`@(?:Rest)?Controller\b`)
	jvImplementsAPI = scan.MustCompile(`\bclass\s+\w+(?:\s+extends\s+[\w.<>]+)?\s+implements\s+(?:[\w.<>]+\s*,\s*)*\w+Api\b|\bclass\s+\w+\s*(?:\([^()]*\))?\s*:\s*(?:[\w.<>()]+\s*,\s*)*\w+Api\s*\{`)
)

// specFirstDeps are the build plugins that generate server interfaces from
// a committed document.
var specFirstDeps = []string{"openapi-generator-maven-plugin", "org.openapi.generator", "swagger-codegen-maven-plugin", "org.hidetake.swagger.generator"}

func (d *detector) scanJVM(p string, data, code []byte) {
	q := d.quality("jvm")
	if m := jvSwaggerImport.FindIndex(code); m != nil {
		d.record("swagger-annotations", kindAnnotations, p, data, m[0])
	}
	if d.apiImpl == nil && jvController.Match(code) {
		if m := jvImplementsAPI.FindIndex(code); m != nil {
			l := loc(p, data, m[0])
			d.apiImpl = &l
		}
	}
	if m := jvSpringdocCfg.FindIndex(code); m != nil && d.jvmConfig == nil {
		l := loc(p, data, m[0])
		d.jvmConfig = &l
	}
	for _, m := range jvOperation.FindAllIndex(code, -1) {
		if jvDescribed.Match(call(code, m[0])) {
			q.described++
		}
	}
	// Count error responses per handler: the responses annotated between one
	// mapping and the next belong to one operation.
	mappings := jvMapping.FindAllIndex(code, -1)
	q.ops += len(mappings)
	errAt := map[int]bool{}
	for _, m := range jvApiResponse.FindAllIndex(code, -1) {
		if !jvErrCode.Match(call(code, m[0])) {
			continue
		}
		// The operation is the first mapping after the annotation.
		op := len(mappings)
		for i, mp := range mappings {
			if mp[0] > m[0] {
				op = i
				break
			}
		}
		errAt[op] = true
	}
	q.errors += len(errAt)
	if jvSchemes.Match(code) {
		q.schemes = true
	}
	if jvAdvice.Match(code) && jvAdviceStatus.Match(code) {
		q.allErrors = true
	}
}

// ---- JavaScript and TypeScript ----

var (
	jsNestSwagger  = scan.MustCompile(`\bSwaggerModule\s*\.\s*(setup|createDocument)\s*\(`)
	jsNestOp       = scan.MustCompile(`@ApiOperation\s*\(`)
	jsNestDesc     = scan.MustCompile(`\b(summary|description)\s*:`)
	jsNestErr      = scan.MustCompile(`@Api(BadRequest|NotFound|Unauthorized|Forbidden|Conflict|InternalServerError|UnprocessableEntity|NotAcceptable|Gone|PayloadTooLarge|TooManyRequests|ServiceUnavailable|Default)Response\s*\(|@ApiResponse\s*\(\s*\{[^}]*\bstatus\s*:\s*(?:[45]\d\d\b|HttpStatus\.(?:BAD_REQUEST|NOT_FOUND|UNAUTHORIZED|FORBIDDEN|CONFLICT|INTERNAL_SERVER_ERROR|UNPROCESSABLE_ENTITY))`)
	jsNestRoute    = scan.MustCompile(`(?m)^\s*@(Get|Post|Put|Patch|Delete)\s*\(`)
	jsNestSchemes  = scan.MustCompile(`\.add(BearerAuth|OAuth2|ApiKey|BasicAuth|CookieAuth|Security)\s*\(`)
	jsSwaggerJSDoc = scan.MustCompile(`require\(\s*['"]swagger-jsdoc['"]\s*\)|from\s+['"]swagger-jsdoc['"]|\bswaggerJs[dD]oc\s*\(|\bswaggerJSDoc\s*\(`)
	jsSwaggerUI    = scan.MustCompile(`\bswagger[uU][iI](?:Express)?\s*\.\s*(serve|setup)\b`)
	jsUIImport     = scan.MustCompile(`['"]swagger-ui-express['"]`)
	jsOAValidator  = scan.MustCompile(`\bOpenApiValidator\s*\.\s*middleware\s*\(|['"]express-openapi-validator['"]`)
	jsTsoa         = scan.MustCompile(`from\s+['"]tsoa['"]`)
	jsTsoaRoute    = scan.MustCompile(`@Route\s*\(`)
	jsFastify      = scan.MustCompile(`['"](@fastify/swagger|fastify-swagger)['"]`)
	jsFastifyRoute = scan.MustCompile(`\b\w+\.(get|post|put|patch|delete)\s*\(\s*['"\x60]/|\.route\s*\(\s*\{`)
	jsSummaryKey   = scan.MustCompile(`\b(summary|description)\s*:\s*['"\x60]`)
	jsRespErr      = scan.MustCompile(`\bresponse\s*:\s*\{[^{}]{0,200}?['"]?([45]\d\d|[45]xx|default)['"]?\s*:`)
	jsSchemes      = scan.MustCompile(`\bsecuritySchemes\s*:|\bsecurityDefinitions\s*:`)
	// JSDoc annotations live in comments by design: read from the raw text.
	jsDocTag     = scan.MustCompile(`(?m)^\s*\*\s*@(openapi|swagger)\b`)
	jsDocOp      = scan.MustCompile(`(?m)^\s*\*\s+(get|post|put|patch|delete):\s*$`)
	jsDocSummary = scan.MustCompile(`(?m)^\s*\*\s+(summary|description):\s*\S`)
	jsDocErr     = scan.MustCompile(`(?m)^\s*\*\s+["']?([45]\d\d|default)["']?:\s*$`)
	jsDocSchemes = scan.MustCompile(`(?m)^\s*\*\s+securitySchemes:`)
	tsoaSummary  = scan.MustCompile(`@Summary\s*\(`)
	tsoaErr      = scan.MustCompile(`@Response\s*(?:<[^>]*>)?\s*\(\s*['"]?[45]\d\d`)
	tsoaSecurity = scan.MustCompile(`@Security\s*\(`)
)

func (d *detector) scanJS(p string, data, code []byte) {
	if m := jsNestSwagger.FindIndex(code); m != nil {
		d.record("nestjs-swagger", kindGenerated, p, data, m[0])
	}
	nq := d.quality("nestjs-swagger")
	for _, m := range jsNestOp.FindAllIndex(code, -1) {
		if jsNestDesc.Match(call(code, m[0])) {
			nq.described++
		}
	}
	routes := jsNestRoute.FindAllIndex(code, -1)
	nq.ops += len(routes)
	errAt := map[int]bool{}
	for _, m := range jsNestErr.FindAllIndex(code, -1) {
		op := len(routes)
		for i, r := range routes {
			if r[0] > m[0] {
				op = i
				break
			}
		}
		errAt[op] = true
	}
	nq.errors += len(errAt)
	if jsNestSchemes.Match(code) {
		nq.schemes = true
	}

	if m := jsSwaggerJSDoc.FindIndex(code); m != nil {
		d.record("swagger-jsdoc", kindAnnotations, p, data, m[0])
	}
	if m := jsSwaggerUI.FindIndex(code); m != nil && jsUIImport.Match(code) {
		d.record("swagger-ui-express", kindGenerated, p, data, m[0])
	}
	if m := jsOAValidator.FindIndex(code); m != nil {
		d.record("express-openapi-validator", kindStatic, p, data, m[0])
	}
	if jsTsoa.Match(code) {
		if m := jsTsoaRoute.FindIndex(code); m != nil {
			d.record("tsoa", kindAnnotations, p, data, m[0])
		}
		tq := d.quality("tsoa")
		tq.ops += len(jsNestRoute.FindAllIndex(code, -1))
		tq.described += len(tsoaSummary.FindAllIndex(code, -1))
		tq.errors += len(tsoaErr.FindAllIndex(code, -1))
		if tsoaSecurity.Match(code) {
			tq.schemes = true
		}
	}
	if m := jsFastify.FindIndex(code); m != nil {
		d.record("fastify-swagger", kindGenerated, p, data, m[0])
	}
	fq := d.quality("fastify-swagger")
	fq.ops += len(jsFastifyRoute.FindAllIndex(code, -1))
	fq.described += len(jsSummaryKey.FindAllIndex(code, -1))
	fq.errors += len(jsRespErr.FindAllIndex(code, -1))
	if jsSchemes.Match(code) {
		fq.schemes = true
		d.quality("swagger-jsdoc").schemes = true
		d.quality("swagger-ui-express").schemes = true
	}

	if m := jsDocTag.FindIndex(data); m != nil {
		d.jsdocEv = append(d.jsdocEv, loc(p, data, m[0]))
		jq := d.quality("swagger-jsdoc")
		// Judge each operation on its own lines: from its method key to the
		// next one; a description under responses: describes a response.
		ops := jsDocOp.FindAllIndex(data, -1)
		for i, op := range ops {
			end := len(data)
			if i+1 < len(ops) {
				end = ops[i+1][0]
			}
			seg := data[op[1]:end]
			head := seg
			if j := bytes.Index(seg, []byte("responses:")); j >= 0 {
				head = seg[:j]
			}
			jq.ops++
			if jsDocSummary.Match(head) {
				jq.described++
			}
			if jsDocErr.Match(seg) {
				jq.errors++
			}
		}
		if jsDocSchemes.Match(data) {
			jq.schemes = true
		}
	}
}

// ---- Go ----

var (
	goSwagImport = scan.MustCompile(`"github\.com/swaggo/[\w./-]+"`)
	goHuma       = scan.MustCompile(`"github\.com/danielgtaylor/huma(/v2)?"`)
	goHumaReg    = scan.MustCompile(`\bhuma\.(Register|Get|Post|Put|Patch|Delete)\s*\(`)
	goHumaSum    = scan.MustCompile(`\b(Summary|Description)\s*:\s*"`)
	goHumaErr    = scan.MustCompile(`\bErrors\s*:\s*\[\]int\b`)
	goHumaSec    = scan.MustCompile(`\bSecuritySchemes\b`)
	goSpecFirst  = scan.MustCompile(`(?m)^//go:generate\s+.*\b(oapi-codegen|ogen)\b`)
	goAnnot      = scan.MustCompile(`^\s*//\s*@(\w+)`)
	goSwaggerRte = scan.MustCompile(`^\s*//\s*swagger:route\s`)
	goSwaggerErr = scan.MustCompile(`^\s*//\s+([45]\d\d|default)\s*:`)
	goSecDefs    = scan.MustCompile(`(?mi)^\s*//\s*(@securityDefinitions\.|SecurityDefinitions:)`)
)

// scanGo reads swaggo and go-swagger annotations comment block by comment
// block: a block with @Router (or swagger:route) is one operation.
func (d *detector) scanGo(p string, data, code []byte) {
	if m := goSwagImport.FindIndex(data); m != nil {
		if m2 := goSwagImport.FindIndex(code); m2 != nil {
			d.record("swaggo", kindAnnotations, p, data, m2[0])
		}
	}
	if goSecDefs.Match(data) {
		d.quality("swaggo").schemes = true
		d.quality("go-swagger").schemes = true
	}
	if m := goSpecFirst.FindSubmatchIndex(data); m != nil {
		d.record(string(data[m[2]:m[3]]), kindStatic, p, data, m[0])
	}
	if goHuma.Match(data) {
		hq := d.quality("huma")
		if m := goHumaReg.FindIndex(code); m != nil {
			d.record("huma", kindGenerated, p, data, m[0])
		}
		for _, m := range goHumaReg.FindAllIndex(code, -1) {
			hq.ops++
			args := call(code, m[0])
			if goHumaSum.Match(args) {
				hq.described++
			}
			if goHumaErr.Match(args) {
				hq.errors++
			}
		}
		if goHumaSec.Match(code) {
			hq.schemes = true
		}
	}
	if !scan.Contains(data, "@Router") && !scan.Contains(data, "swagger:route") {
		return
	}
	var block []string
	var blockStart int
	flush := func() {
		if len(block) > 0 {
			d.goBlock(p, data, block, blockStart)
		}
		block = block[:0]
	}
	off := 0
	for line := range strings.SplitSeq(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			if len(block) == 0 {
				blockStart = off
			}
			block = append(block, line)
		} else {
			flush()
		}
		off += len(line) + 1
	}
	flush()
}

func (d *detector) goBlock(p string, data []byte, block []string, start int) {
	var router, summary, failure bool
	for _, l := range block {
		if m := goAnnot.FindStringSubmatch(l); m != nil {
			switch strings.ToLower(m[1]) {
			case "router":
				router = true
			case "summary", "description":
				summary = true
			case "failure":
				failure = true
			}
		}
	}
	if router {
		q := d.quality("swaggo")
		q.ops++
		if summary {
			q.described++
		}
		if failure {
			q.errors++
		}
		d.record("swaggo", kindAnnotations, p, data, start)
		return
	}
	for i, l := range block {
		if !goSwaggerRte.MatchString(l) {
			continue
		}
		d.record("go-swagger", kindAnnotations, p, data, start)
		q := d.quality("go-swagger")
		q.ops++
		desc, errs := false, false
		for _, r := range block[i+1:] {
			t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r), "//"))
			if goSwaggerRte.MatchString(r) {
				break
			}
			if t != "" && !strings.Contains(t, ":") {
				desc = true
			}
			if goSwaggerErr.MatchString(r) {
				errs = true
			}
		}
		if desc {
			q.described++
		}
		if errs {
			q.errors++
		}
	}
}
