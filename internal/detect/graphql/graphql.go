// Package graphql finds a GraphQL API served by the project: which server
// library serves it, where its SDL schema is, and how many queries and
// mutations it offers, so that a GraphQL backend is judged on its schema and
// operations the way a REST backend is judged on its OpenAPI document and
// routes.
//
// A server needs a server library, seen in the code (an import, new
// ApolloServer, GraphQLModule.forRoot, @QueryMapping, @DgsQuery, a gqlgen
// handler, ...) or in the manifests; a GraphQL client (@apollo/client,
// graphql-request) and client operation documents (query GetUser { ... })
// are not a server. Operations are counted, best effort, from the SDL (the
// fields of Query and Mutation and their extensions, in .graphql/.graphqls
// files and in schema strings in code) and from code-first declarations:
// @Query/@Mutation resolvers of @nestjs/graphql and type-graphql,
// @QueryMapping/@MutationMapping, @DgsQuery/@DgsMutation, the class
// attributes of graphene and strawberry root types (Query, *Queries,
// Mutation, *Mutations), and gqlgen's queryResolver/mutationResolver
// methods. The larger of the two counts of each kind is kept.
package graphql

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// maxTypeNames caps the object type names kept for messages.
const maxTypeNames = 20

type detector struct {
	// servers holds the first evidence of each server library in the code.
	servers    map[string]facts.Location
	schema     string
	schemaFile bool
	sdlEv      facts.Location
	// buildEv is where the schema is built or the server started.
	buildEv facts.Location

	// Distinct operation names from SDL, and whether each is described.
	sdlQueries, sdlMutations map[string]bool
	// Code-first counts.
	codeQueries, codeMutations, codeDescribed int
	codeEv                                    []facts.Location
	// fieldRefs are graphene X.Field() operations without a description of
	// their own; describedCls the classes X that describe themselves.
	fieldRefs    []string
	describedCls map[string]bool
	types        map[string]bool
}

// New returns the GraphQL detector.
func New() scan.Detector {
	return &detector{
		servers:    map[string]facts.Location{},
		sdlQueries: map[string]bool{}, sdlMutations: map[string]bool{},
		types: map[string]bool{}, describedCls: map[string]bool{},
	}
}

// sdlFile reports whether a file with extension ext (lower-cased) is a
// GraphQL document.
func sdlFile(ext string) bool {
	switch ext {
	case ".graphql", ".graphqls", ".gql":
		return true
	}
	return false
}

func gqlgenConfig(p string) bool {
	b := scan.Base(p)
	return b == "gqlgen.yml" || b == "gqlgen.yaml"
}

// serverGroups are the stack packs whose GraphQL servers this detector
// recognises.
var serverGroups = map[string]bool{"python": true, "jvm": true, "js": true, "go": true}

// Wants asks for SDL files and the source of the languages whose GraphQL
// servers are recognised (not tests, which hold query strings, not schemas).
func (d *detector) Wants(p scan.PathInfo) bool {
	if sdlFile(p.Ext) {
		return !p.Test && !testDir(p.Path)
	}
	return p.Source && !p.Test && serverGroups[stacks.Group(p.Path)]
}

// testDir reports whether p sits in a test folder (IsTestPath only judges
// source files).
func testDir(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(strings.ToLower(p)), "/") {
		switch seg {
		case "test", "tests", "__tests__", "spec", "testdata", "fixtures", "__fixtures__":
			return true
		}
	}
	return false
}

func (d *detector) Scan(f scan.File) {
	if gqlgenConfig(f.Path) {
		d.server("gqlgen", facts.Location{Path: f.Path})
		return
	}
	if f.Data == nil {
		return
	}
	if sdlFile(scan.Ext(f.Path)) {
		d.addSDL(f.Path, f.Data, f.Data, 0, true)
		return
	}
	if generated(f.Data) {
		return
	}
	lang := scan.SourceExts[scan.Ext(f.Path)]
	src := f.Source()
	d.serverSignals(f.Path, src, lang)
	// Schema strings: Apollo's typeDefs, graph-gophers' schema with
	// renamed roots (schema { query: RootQuery }).
	if scan.Contains(src, "type ") && (scan.Contains(src, "Query") || scan.Contains(src, "Mutation")) {
		chunks, offs := embeddedSDL(src)
		for i, c := range chunks {
			d.addSDL(f.Path, src, c, offs[i], false)
		}
	}
	switch lang {
	case "python":
		d.pythonRoots(f.Path, src)
	case "javascript", "typescript":
		d.decorators(f.Path, src)
	case "java", "kotlin":
		d.springMappings(f.Path, src)
	case "go":
		d.gqlgenResolvers(f.Path, src)
	}
}

// generated reports whether a file says it is generated (gqlgen's
// generated.go embeds the whole schema and every resolver stub).
func generated(data []byte) bool {
	head := data[:min(len(data), 600)]
	return bytes.Contains(head, []byte("Code generated")) && bytes.Contains(head, []byte("DO NOT EDIT"))
}

func (d *detector) server(name string, l facts.Location) {
	if _, ok := d.servers[name]; !ok {
		d.servers[name] = l
	}
}

// serverPatterns recognise a server library in code; the client libraries
// (@apollo/client, graphql-request, urql) match none of them.
var serverPatterns = []struct {
	name string
	re   *scan.Regexp
}{
	{"nestjs-graphql", scan.MustCompile(`GraphQLModule\.forRoot|from\s+['"]@nestjs/graphql['"]`)},
	{"type-graphql", scan.MustCompile(`from\s+['"]type-graphql['"]|require\(\s*['"]type-graphql['"]`)},
	{"apollo", scan.MustCompile(`new\s+ApolloServer\s*\(|['"](@apollo/server|apollo-server(-express|-fastify|-koa|-lambda)?)['"]`)},
	{"yoga", scan.MustCompile(`createYoga\s*\(|['"]graphql-yoga['"]`)},
	{"mercurius", scan.MustCompile(`['"]mercurius['"]`)},
	{"express-graphql", scan.MustCompile(`['"]express-graphql['"]|\bgraphqlHTTP\s*\(`)},
	{"graphql-http", scan.MustCompile(`['"]graphql-http(/lib/use/\w+)?['"]`)},
	{"strawberry", scan.MustCompile(`(?m)^\s*(import\s+strawberry\b|from\s+strawberry(\.\w+)*\s+import)`)},
	{"graphene", scan.MustCompile(`(?m)^\s*(import\s+graphene\b|from\s+graphene(_django)?(\.\w+)*\s+import)`)},
	{"ariadne", scan.MustCompile(`(?m)^\s*(import\s+ariadne\b|from\s+ariadne(\.\w+)*\s+import)`)},
	{"dgs", scan.MustCompile(`import\s+com\.netflix\.graphql\.dgs\.|@Dgs(Component|Query|Mutation|Data)\b`)},
	{"spring-graphql", scan.MustCompile(`import\s+org\.springframework\.graphql\.|@(QueryMapping|MutationMapping|SchemaMapping)\b`)},
	{"gqlgen", scan.MustCompile(`"github\.com/99designs/gqlgen/graphql/handler"`)},
	{"graphql-go", scan.MustCompile(`"github\.com/graph-gophers/graphql-go"`)},
}

// serverLangs keeps each pattern to the languages of its library.
var serverLangs = map[string]string{
	"nestjs-graphql": "js", "type-graphql": "js", "apollo": "js", "yoga": "js", "mercurius": "js",
	"express-graphql": "js", "graphql-http": "js", "strawberry": "python", "graphene": "python", "ariadne": "python",
	"dgs": "jvm", "spring-graphql": "jvm", "gqlgen": "go", "graphql-go": "go",
}

func langFamily(lang string) string {
	switch lang {
	case "javascript", "typescript":
		return "js"
	case "java", "kotlin":
		return "jvm"
	}
	return lang
}

// schemaBuild is where a server builds its schema or is started: better
// evidence than the first import of the library.
var schemaBuild = scan.MustCompile(`\b(graphene|strawberry)\.Schema\(|\bmake_executable_schema\(|new\s+ApolloServer\s*\(|\bcreateYoga\s*\(|GraphQLModule\.forRoot|\bgraphqlHTTP\s*\(|\bhandler\.(NewDefaultServer|New)\(\s*\w+\.NewExecutableSchema|\bgraphql\.(MustParseSchema|ParseSchema)\(|register\(\s*mercurius\b`)

func (d *detector) serverSignals(p string, src []byte, lang string) {
	if d.buildEv.Path == "" {
		if loc := schemaBuild.FindIndex(src); loc != nil {
			d.buildEv = facts.Location{Path: p, Line: scan.LineAt(src, loc[0])}
		}
	}
	fam := langFamily(lang)
	for _, s := range serverPatterns {
		if serverLangs[s.name] != fam {
			continue
		}
		if _, seen := d.servers[s.name]; seen {
			continue
		}
		if loc := s.re.FindIndex(src); loc != nil {
			d.server(s.name, facts.Location{Path: p, Line: scan.LineAt(src, loc[0])})
		}
	}
}

// addSDL records the root operations and object types of an SDL text,
// data, found at offset base of the file's content full. The first SDL
// file defining root operations is the schema; a schema string in code
// (Apollo's typeDefs) stands in until such a file is seen.
func (d *detector) addSDL(p string, full, data []byte, base int, file bool) {
	s := parseSDL(data)
	// In a fixed order, so the evidence is the Query type's line every run.
	for _, r := range []struct {
		kind string
		set  map[string]bool
	}{{"query", d.sdlQueries}, {"mutation", d.sdlMutations}} {
		kind, set := r.kind, r.set
		root := s.root(kind)
		for _, fl := range s.fields[root] {
			if fl.described {
				set[fl.name] = true
			} else if !set[fl.name] {
				set[fl.name] = false
			}
		}
		if off, ok := s.typeOff[root]; ok && len(s.fields[root]) > 0 && (d.schema == "" || file && !d.schemaFile) {
			d.schema, d.schemaFile = p, file
			d.sdlEv = facts.Location{Path: p, Line: scan.LineAt(full, base+off)}
		}
	}
	for _, name := range s.objects {
		if resourceType(name) && name != s.root("query") && name != s.root("mutation") && name != s.root("subscription") {
			d.types[name] = true
		}
	}
}

// resourceType reports whether an object type names a resource rather than
// plumbing (roots, Relay connections and edges, mutation payloads, errors).
func resourceType(name string) bool {
	switch name {
	case "Query", "Mutation", "Subscription", "PageInfo", "Node":
		return false
	}
	if strings.HasPrefix(name, "__") {
		return false
	}
	for _, suf := range []string{"Connection", "Edge", "Payload", "Input", "Error", "Errors", "Response", "Result", "Query", "Queries", "Mutation", "Mutations"} {
		if strings.HasSuffix(name, suf) && name != suf {
			return false
		}
	}
	return true
}

// Decorator-based resolvers (@nestjs/graphql, type-graphql).
var (
	jsGraphQLImport = scan.MustCompile(`['"](@nestjs/graphql|type-graphql)['"]`)
	jsOperation     = scan.MustCompile(`@(Query|Mutation)\s*\(`)
	jsObjectType    = scan.MustCompile(`@ObjectType\s*\([^)]*\)\s*(export\s+)?(abstract\s+)?class\s+(\w+)`)
)

func (d *detector) decorators(p string, src []byte) {
	if !jsGraphQLImport.Match(src) {
		return
	}
	for _, m := range jsOperation.FindAllSubmatchIndex(src, -1) {
		end := parenEnd(src, m[1]-1)
		if string(src[m[2]:m[3]]) == "Query" {
			d.codeQueries++
		} else {
			d.codeMutations++
		}
		if bytes.Contains(src[m[1]:end], []byte("description")) {
			d.codeDescribed++
		}
		d.codeEv = scan.AddEvidence(d.codeEv, facts.Location{Path: p, Line: scan.LineAt(src, m[0])})
	}
	for _, m := range jsObjectType.FindAllSubmatch(src, -1) {
		if name := string(m[3]); resourceType(name) {
			d.types[name] = true
		}
	}
}

// parenEnd returns the offset just past the parenthesis that closes the
// one at open (or the end of src).
func parenEnd(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(src)
}

// Spring for GraphQL and Netflix DGS annotations.
var (
	springOperation = scan.MustCompile(`@(QueryMapping|MutationMapping|DgsQuery|DgsMutation)\b|@(SchemaMapping|DgsData)\s*\([^)]*(?:typeName|parentType)\s*=\s*(?:"(Query|Mutation)"|DgsConstants\.(QUERY|MUTATION)\w*)`)
)

func (d *detector) springMappings(p string, src []byte) {
	for _, m := range springOperation.FindAllSubmatchIndex(src, -1) {
		kind := ""
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 && g != 4 {
				kind = strings.ToLower(string(src[m[g]:m[g+1]]))
			}
		}
		if strings.HasPrefix(kind, "query") || kind == "dgsquery" {
			d.codeQueries++
		} else {
			d.codeMutations++
		}
		// @QueryMapping carries no description; Spring reads it from the SDL.
		d.codeEv = scan.AddEvidence(d.codeEv, facts.Location{Path: p, Line: scan.LineAt(src, m[0])})
	}
}

// gqlgen's resolvers are methods on queryResolver and mutationResolver.
var gqlgenResolver = scan.MustCompile(`(?m)^func\s*\(\s*\w*\s*\*(query|mutation)Resolver\)\s*\w+\s*\(`)

func (d *detector) gqlgenResolvers(p string, src []byte) {
	for _, m := range gqlgenResolver.FindAllSubmatchIndex(src, -1) {
		if string(src[m[2]:m[3]]) == "query" {
			d.codeQueries++
		} else {
			d.codeMutations++
		}
		d.codeEv = scan.AddEvidence(d.codeEv, facts.Location{Path: p, Line: scan.LineAt(src, m[0])})
	}
}

// Python code-first schemas: graphene ObjectType classes and strawberry
// types. A root class is named Query/Mutation or ends in Query, Queries,
// Mutation or Mutations (saleor's AccountQueries); its body-level
// attributes (graphene fields, strawberry fields with resolvers) and
// @strawberry.field/@strawberry.mutation methods are its operations.
var (
	pyClass       = regexp.MustCompile(`^([ \t]*)class\s+(\w+)\s*(?:\(([^)]*)\))?\s*:`)
	pyAttr        = regexp.MustCompile(`^(\w+)\s*(?::[^=]*)?=[^=]`)
	pyOpDecorator = regexp.MustCompile(`^@(strawberry(?:_django)?(?:\.django)?)\.(field|mutation)\b`)
	pyTypeDeco    = regexp.MustCompile(`^\s*@(strawberry(?:_django)?(?:\.django)?|strawberry\.federation)\.type\b`)
	pyRootName    = regexp.MustCompile(`(Query|Queries|Mutation|Mutations)$`)
	pyFieldOf     = regexp.MustCompile(`^\w+\s*=\s*(\w+)\.Field\(`)
)

// describedClasses records the top-level Python classes that carry a
// description graphene reads: a docstring or description = in class Meta.
func (d *detector) describedClasses(lines []string) {
	class := ""
	first := false
	for _, line := range lines {
		if m := pyClass.FindStringSubmatch(line); m != nil && m[1] == "" {
			class, first = m[2], true
			continue
		}
		if class == "" || strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			class = ""
			continue
		}
		t := strings.TrimSpace(line)
		if first && (strings.HasPrefix(t, `"""`) || strings.HasPrefix(t, `r"""`) || strings.HasPrefix(t, "'''")) {
			d.describedCls[class] = true
		}
		// description = "..." in class Meta, not a field or argument
		// named description (description = graphene.String()).
		if v, ok := strings.CutPrefix(strings.ReplaceAll(t, " ", ""), "description="); ok &&
			!strings.HasPrefix(v, "graphene.") && !strings.Contains(v, "Field(") && !strings.Contains(v, "String(") {
			d.describedCls[class] = true
		}
		first = false
	}
}

func (d *detector) pythonRoots(p string, src []byte) {
	if !scan.Contains(src, "graphene") && !scan.Contains(src, "strawberry") {
		return
	}
	lines := strings.Split(string(src), "\n")
	d.describedClasses(lines)
	for i, line := range lines {
		m := pyClass.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		indent, name, bases := m[1], m[2], m[3]
		strawberry := i > 0 && pyTypeDeco.MatchString(lines[i-1])
		graphene := strings.Contains(bases, "ObjectType") && !strings.Contains(bases, "InputObjectType")
		if !strawberry && !graphene {
			continue
		}
		root := pyRootName.FindString(name)
		if strings.Contains(bases, "DjangoObjectType") {
			root = "" // a model's type, whatever its name
		}
		if root == "" {
			if resourceType(name) && !strings.HasPrefix(name, "_") {
				d.types[name] = true
			}
			continue
		}
		mutation := strings.HasPrefix(root, "Mutation")
		d.pythonBody(p, lines, i, len(indent), mutation)
	}
}

// pythonBody counts the operations declared in the body of the class
// whose header is lines[at].
func (d *detector) pythonBody(p string, lines []string, at, indent int, mutation bool) {
	body := -1
	count := func(line int, described bool) {
		if mutation {
			d.codeMutations++
		} else {
			d.codeQueries++
		}
		if described {
			d.codeDescribed++
		}
		d.codeEv = scan.AddEvidence(d.codeEv, facts.Location{Path: p, Line: line + 1})
	}
	for j := at + 1; j < len(lines); j++ {
		l := lines[j]
		t := strings.TrimLeft(l, " \t")
		if t == "" || strings.TrimSpace(t) == "" {
			continue
		}
		ind := len(l) - len(t)
		if ind <= indent {
			return
		}
		if body < 0 {
			body = ind
		}
		if ind != body {
			continue
		}
		member := pyAttr.MatchString(t) && !strings.HasPrefix(t, "_")
		if !member && pyOpDecorator.MatchString(t) {
			member = true
		}
		if member {
			described := describedAt(lines, j, body)
			if m := pyFieldOf.FindStringSubmatch(t); m != nil && !described {
				// graphene takes X.Field()'s description from class X.
				d.fieldRefs = append(d.fieldRefs, m[1])
			}
			count(j, described)
		}
	}
}

// describedAt reports whether the member starting at lines[j] (up to the
// next line at the body's indentation) passes a description.
func describedAt(lines []string, j, body int) bool {
	for k := j; k < len(lines); k++ {
		l := lines[k]
		t := strings.TrimLeft(l, " \t")
		if k > j && strings.TrimSpace(t) != "" && len(l)-len(t) <= body && !strings.HasPrefix(t, ")") {
			// A decorator's def line belongs to it.
			if !strings.HasPrefix(t, "def ") && !strings.HasPrefix(t, "async def ") {
				return false
			}
		}
		if strings.Contains(l, "description=") {
			return true
		}
		if k > j+40 {
			return false
		}
	}
	return false
}

// depServers map manifest dependencies to the server they provide, for
// projects whose code did not show the library (a schema wired in
// configuration, a server started from a file the scan could not read).
var depServers = []struct{ dep, server string }{
	{"@nestjs/graphql", "nestjs-graphql"}, {"type-graphql", "type-graphql"},
	{"@apollo/server", "apollo"}, {"apollo-server", "apollo"}, {"apollo-server-express", "apollo"},
	{"apollo-server-fastify", "apollo"}, {"apollo-server-koa", "apollo"}, {"apollo-server-lambda", "apollo"},
	{"graphql-yoga", "yoga"}, {"mercurius", "mercurius"}, {"express-graphql", "express-graphql"}, {"graphql-http", "graphql-http"},
	{"strawberry-graphql", "strawberry"}, {"strawberry-graphql-django", "strawberry"},
	{"graphene-django", "graphene"}, {"graphene", "graphene"}, {"ariadne", "ariadne"},
	{"graphql-dgs-spring-boot-starter", "dgs"}, {"graphql-dgs-spring-graphql-starter", "dgs"},
	{"spring-boot-starter-graphql", "spring-graphql"}, {"spring-graphql", "spring-graphql"},
	{"github.com/99designs/gqlgen", "gqlgen"}, {"github.com/graph-gophers/graphql-go", "graphql-go"},
}

// precedence orders servers when several are seen: a framework's GraphQL
// module before the engine it drives (Nest runs Apollo; DGS runs on Spring
// for GraphQL).
var precedence = []string{
	"nestjs-graphql", "type-graphql", "dgs", "spring-graphql", "gqlgen", "graphql-go",
	"strawberry", "graphene", "ariadne", "apollo", "yoga", "mercurius", "express-graphql", "graphql-http",
}

func (d *detector) Finish(inv *facts.Facts) {
	g := &inv.GraphQL
	var ev []facts.Location
	for _, name := range precedence {
		if l, ok := d.servers[name]; ok {
			g.Server = name
			ev = append(ev, l)
			break
		}
	}
	if g.Server == "" {
		for _, ds := range depServers {
			if inv.Stack.HasDep(ds.dep) {
				g.Server = ds.server
				if inv.Stack.Manifest != "" {
					ev = append(ev, facts.Location{Path: inv.Stack.Manifest})
				}
				break
			}
		}
	}
	if g.Server != "" && d.buildEv.Path != "" {
		ev = []facts.Location{d.buildEv}
	}
	if g.Server == "" {
		// Schema files and resolvers without a server library are a
		// client's copy of someone else's schema, not an API.
		return
	}
	g.Schema = d.schema
	g.Queries = max(len(d.sdlQueries), d.codeQueries)
	g.Mutations = max(len(d.sdlMutations), d.codeMutations)
	for _, ref := range d.fieldRefs {
		if d.describedCls[ref] {
			d.codeDescribed++
		}
	}
	sdlDescribed := 0
	for _, set := range []map[string]bool{d.sdlQueries, d.sdlMutations} {
		for _, described := range set {
			if described {
				sdlDescribed++
			}
		}
	}
	g.Described = min(max(sdlDescribed, d.codeDescribed), g.Queries+g.Mutations)
	for name := range d.types {
		g.TypeNames = append(g.TypeNames, name)
	}
	slices.Sort(g.TypeNames)
	g.Types = len(g.TypeNames)
	if len(g.TypeNames) > maxTypeNames {
		g.TypeNames = g.TypeNames[:maxTypeNames]
	}
	if d.sdlEv.Path != "" {
		ev = scan.AddEvidence(ev, d.sdlEv)
	}
	for _, l := range d.codeEv {
		ev = scan.AddEvidence(ev, l)
	}
	g.Evidence = ev
}
