// Package auth detects how the API authenticates callers: the kind (jwt,
// oauth, session, basic, api-key), the libraries, password hashing, the
// places where routes require authentication, and JWT signing keys
// written as literals in code.
//
// Code evidence is read from comment-blanked source (a "TODO add jwt"
// comment is not authentication); dependencies count as libraries too, but
// the kind prefers what the code uses. Test files are not read: a literal
// key in a test fixture is not a deployed secret.
package auth

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

type keyCandidate struct {
	loc  facts.Location
	name string // the variable holding the literal, "" for a literal passed directly
	// jwtFile is true when the file itself uses a JWT library.
	jwtFile bool
}

type detector struct {
	libs      map[string]bool
	kinds     map[string][]facts.Location
	hashes    map[string][]facts.Location
	protected []facts.Location
	protCount int
	keys      []keyCandidate
	// jwtNames are identifiers passed to JWT sign/verify calls anywhere, so
	// a literal SECRET_KEY in settings.py used by jwt.encode elsewhere counts.
	jwtNames map[string]bool
	// sources counts source files read; passwordAt is the first place that
	// names a user password.
	sources    int
	passwordAt *facts.Location
	// pyAliases are Annotated[..., Depends(auth)] aliases, which protect
	// once an endpoint's parameter is annotated with one (pyAliasUses
	// holds those annotation names, from any file).
	pyAliases   []pendingAlias
	pyAliasUses map[string]bool
	// methodSecured are @PreAuthorize-style annotations, which protect
	// once some class turns method security on (methodSecurityOn).
	methodSecured    []facts.Location
	methodSecurityOn bool
	// unapplied are guards seen defined and not applied to a route.
	unapplied []facts.Location
	// blanked is scratch: the Python file being scanned, docstrings
	// blanked.
	blanked []byte
}

type pendingAlias struct {
	name string
	at   facts.Location
}

// New returns an auth detector.
func New() scan.Detector {
	return &detector{
		libs: map[string]bool{}, kinds: map[string][]facts.Location{},
		hashes: map[string][]facts.Location{}, jwtNames: map[string]bool{},
		pyAliasUses: map[string]bool{},
	}
}

func (d *detector) Wants(p scan.PathInfo) bool {
	return p.Source && !p.Test && stacks.Group(p.Path) != ""
}

func (d *detector) Scan(f scan.File) {
	if f.Data == nil || !d.Wants(f.PathInfo()) {
		return
	}
	pk := stacks.ForPath(f.Path)
	grp := pk.ID
	code := f.Source()
	if grp == grpPython {
		// Into a buffer kept for the next file: what the detector keeps of
		// a file is strings and locations, never a slice of code.
		// (code itself, shared with the other detectors, is never that
		// buffer).
		if out, copied := blankDocstrings(d.blanked[:0], code); copied {
			d.blanked, code = out, out
			// The copy has no index of its own, and some fifty patterns
			// would search it for each of their literals: one index
			// answers them all.
			defer scan.Lend(code)()
		}
	}
	jwtFile := false
	for _, sg := range pk.Auth.Code {
		loc := sg.Re.FindIndex(code)
		if loc == nil {
			continue
		}
		at := facts.Location{Path: f.Path, Line: scan.LineAt(code, loc[0])}
		if sg.Lib != "" {
			d.libs[sg.Lib] = true
		}
		if sg.Kind != "" {
			d.kinds[sg.Kind] = scan.AddEvidence(d.kinds[sg.Kind], at)
		}
		if sg.Kind == "jwt" {
			jwtFile = true
		}
		if sg.Hash != "" {
			d.hashes[sg.Hash] = scan.AddEvidence(d.hashes[sg.Hash], at)
		}
	}
	offs := protections(code, pk)
	if grp == grpPython {
		deps := pyDependencies(code)
		offs = append(offs, deps.applied...)
		for _, a := range deps.aliases {
			d.pyAliases = append(d.pyAliases, pendingAlias{name: a.name, at: facts.Location{Path: f.Path, Line: scan.LineAt(code, a.off)}})
		}
		for _, u := range deps.uses {
			d.pyAliasUses[u] = true
		}
		for _, off := range deps.unapplied {
			d.unapplied = scan.AddEvidence(d.unapplied, facts.Location{Path: f.Path, Line: scan.LineAt(code, off)})
		}
		offs = dedupLines(code, sortedInts(offs))
	}
	if grp == grpJVM {
		if jvmEnableMethodRe.Match(code) {
			d.methodSecurityOn = true
		}
		for _, off := range dedupLines(code, matchOffsets(jvmMethodSecurityRe, code)) {
			if !coveredBy(offs, code, off) {
				d.methodSecured = append(d.methodSecured, facts.Location{Path: f.Path, Line: scan.LineAt(code, off)})
			}
		}
	}
	for _, off := range offs {
		d.protCount++
		d.protected = scan.AddEvidence(d.protected, facts.Location{Path: f.Path, Line: scan.LineAt(code, off)})
	}
	d.findKeys(f.Path, code, pk, jwtFile)
	d.sources++
	if d.passwordAt == nil {
		if off := findPasswords(code); off >= 0 {
			d.passwordAt = &facts.Location{Path: f.Path, Line: scan.LineAt(code, off)}
		}
	}
}

// kindOrder ranks kinds when several are found: the token schemes a
// hiring manager asks for first.
var kindOrder = []string{"jwt", "oauth", "session", "basic", "api-key"}

// hashOrder ranks hashes: an explicit slow hash beats an implied default.
var hashOrder = []string{"argon2", "bcrypt", "scrypt", "pbkdf2", "other"}

func (d *detector) Finish(inv *facts.Facts) {
	a := facts.Auth{Kind: "none", PasswordHashing: "none"}
	// A dependency of another group (a frontend's jsonwebtoken beside a
	// Go API) is not the backend's auth; with no known group, any counts.
	grp := stacks.GroupOf(inv.Stack.Language)
	depKinds := map[string]bool{}
	depHashes := map[string]bool{}
	for dep := range inv.Stack.Dependencies {
		ds, ok := sharedDeps[dep]
		for _, pk := range stacks.All() {
			if ok {
				break
			}
			if grp == "" || pk.ID == grp {
				ds, ok = pk.Auth.Deps[dep]
			}
		}
		if !ok {
			continue
		}
		if ds.Lib != "" {
			d.libs[ds.Lib] = true
		}
		if ds.Kind != "" {
			depKinds[ds.Kind] = true
		}
		if ds.Hash != "" {
			depHashes[ds.Hash] = true
		}
	}
	// Django's user model hashes with PBKDF2 unless told otherwise; the
	// pbkdf2 signal in Python is only trusted for Django and werkzeug use.
	for _, k := range kindOrder {
		if ev := d.kinds[k]; len(ev) > 0 {
			a.Kind, a.Evidence = k, ev
			break
		}
	}
	if a.Kind == "none" {
		for _, k := range kindOrder {
			if depKinds[k] {
				a.Kind = k
				break
			}
		}
	}
	for _, h := range hashOrder {
		if ev := d.hashes[h]; len(ev) > 0 {
			a.PasswordHashing, a.HashingEvidence = h, ev
			break
		}
	}
	if a.PasswordHashing == "none" {
		for _, h := range hashOrder {
			if depHashes[h] {
				a.PasswordHashing = h
				break
			}
		}
	}
	for l := range d.libs {
		a.Libraries = append(a.Libraries, l)
	}
	sort.Strings(a.Libraries)
	if d.methodSecurityOn {
		for _, at := range d.methodSecured {
			d.protCount++
			d.protected = scan.AddEvidence(d.protected, at)
		}
	}
	for _, al := range d.pyAliases {
		if d.pyAliasUses[al.name] {
			d.protCount++
			d.protected = scan.AddEvidence(d.protected, al.at)
		}
	}
	for _, al := range d.pyAliases {
		if !d.pyAliasUses[al.name] {
			d.unapplied = scan.AddEvidence(d.unapplied, al.at)
		}
	}
	if !d.methodSecurityOn {
		for _, at := range d.methodSecured {
			d.unapplied = scan.AddEvidence(d.unapplied, at)
		}
	}
	a.ProtectedRoutes, a.ProtectedEvidence = d.protCount, d.protected
	if d.protCount == 0 {
		a.Unapplied = d.unapplied
	}
	if pk := stacks.ByID(grp); pk != nil {
		lf := pk.Auth.ProtectLookedFor
		if t, ok := lf[inv.Stack.Framework]; ok {
			a.ProtectLookedFor = t
		} else {
			a.ProtectLookedFor = lf[""]
		}
		a.KnownLibraries = pk.Auth.Libraries
	}
	anyJWT := len(d.kinds["jwt"]) > 0 || depKinds["jwt"]
	for _, k := range d.keys {
		// simplejwt signs with Django's SECRET_KEY unless told otherwise.
		simple := k.name == "SECRET_KEY" && d.libs["djangorestframework-simplejwt"]
		if k.jwtFile || simple || (k.name != "" && d.jwtNames[k.name]) || (anyJWT && k.name != "" && jwtishName(k.name)) {
			a.HardcodedKeys = scan.AddEvidence(a.HardcodedKeys, k.loc)
		}
	}
	// Without authentication there is no login to judge.
	a.Passwordless = a.Kind != "none" && d.sources > 0 && d.passwordAt == nil
	inv.Auth = a
}

// jwtishName reports whether a variable name says it holds a token key.
func jwtishName(n string) bool {
	l := strings.ToLower(n)
	return strings.Contains(l, "jwt") || strings.Contains(l, "token") || strings.Contains(l, "signing")
}

// --- route protection ---

var (
	// FastAPI: Depends(get_current_user), Security(...), a CurrentUser
	// alias. They protect a route only where a route uses them (see
	// pyDependencies): in a decorated endpoint's parameters, in
	// dependencies=[...], or in an Annotated alias an endpoint uses.
	pyDependencyRes = []*scan.Regexp{
		scan.MustCompile(`\bDepends\(\s*(?:[\w.]+\.)?(?:get_current_\w+|current_\w*user\w*|require_\w+|\w*auth\w*|verify_\w*token\w*|oauth2_scheme|\w*jwt\w*|get_user_from_token|validate_token|check_\w*permission\w*|\w*admin\w*)\s*[,)]`),
		scan.MustCompile(`\bSecurity\(\s*[\w.]+`),
		scan.MustCompile(`:\s*(?:CurrentUser|CurrentActiveUser|CurrentSuperuser|AuthUser)\b`),
	}
	pyProtectRes = []*scan.Regexp{
		// Flask, Django, Flask-HTTPAuth decorators, and project variants
		// such as admin_token_required.
		scan.MustCompile(`(?m)^[ \t]*@(?:[\w.]+\.)?(?:[a-z]+_)?(?:jwt_required|fresh_jwt_required|login_required|token_required|auth_required|requires_auth|roles_required|admin_required|permission_required|user_passes_test|staff_member_required)\b`),
		scan.MustCompile(`\b(?:method_decorator|path|re_path)\([^\n]*\blogin_required\b`),
		scan.MustCompile(`\bclass\s+\w+\([^)]*\b(?:LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin)\b`),
	}
	// DRF permission lists; judged by content so AllowAny alone is no protection.
	drfPermRe = scan.MustCompile(`(?:\bpermission_classes\b|["']DEFAULT_PERMISSION_CLASSES["'])\s*[=:(]\s*[\[(]([^\])]*)`)

	jvmProtectRes = []*scan.Regexp{
		scan.MustCompile(`\.authenticated\(\)`),
		scan.MustCompile(`\bauthorize\([^\n]*\bauthenticated\b`),
		scan.MustCompile(`\.has(?:Any)?(?:Role|Authority)\(`),
		// Hand-rolled protection without Spring Security: a project
		// annotation checked by an aspect (@ApiKeySecured, @LoginRequired,
		// Shiro's @RequiresAuthentication) or a HandlerInterceptor.
		scan.MustCompile(`@(?:\w+Secured|LoginRequired|RequireLogin|RequiresLogin|Authenticated|RequiresAuthentication|RequiresPermissions|RequiresRoles|\w*AuthRequired|RequiresAuth|RequireAuth)\b`),
		scan.MustCompile(`\baddInterceptor\(\s*(?:new\s+)?[\w.]*(?:Auth|auth|Jwt|jwt|JWT|Token|token|Login|login)\w*`),
	}
	// Method security annotations do nothing until a configuration class
	// turns method security on (@EnableMethodSecurity, or the older
	// @EnableGlobalMethodSecurity): without it @PreAuthorize is decoration.
	jvmMethodSecurityRe = scan.MustCompile(`@(?:PreAuthorize|Secured|RolesAllowed|PostAuthorize)\b`)
	jvmEnableMethodRe   = scan.MustCompile(`@Enable(?:Global|Reactive)?MethodSecurity\b`)
	jsProtectRes        = []*scan.Regexp{
		scan.MustCompile(`@UseGuards\(`),
		scan.MustCompile(`\bprovide:\s*APP_GUARD\b`),
		// NestJS functional middleware: consumer.apply(AuthMiddleware).forRoutes(...).
		scan.MustCompile(`\.apply\([^)]*?\w*(?:Auth|auth|Jwt|jwt|JWT)\w*[^)]*\)\s*(?:\.exclude\([^)]*\)\s*)?\.forRoutes\(`),
		// Fastify hooks and route options.
		scan.MustCompile(`\b(?:onRequest|preHandler|preValidation)\s*:\s*\[?\s*(?:[\w.]+\.)?(?:authenticate|auth\w*|verify\w*|\w*[Aa]uth\w*|\w*[Jj]wt\w*)\b`),
		scan.MustCompile(`\.addHook\(\s*['"](?:onRequest|preHandler|preValidation)['"]\s*,\s*(?:[\w.]+\.)?(?:authenticate|\w*[Aa]uth\w*|verify\w*|\w*[Jj]wt\w*)\b`),
	}
	// A route or middleware registration: router.get(, app.use(, r.Group(,
	// mux.Handle(, chained .route('/x').get(, also on the next line.
	routeCallRe = scan.MustCompile(`(?:[\w$\]]|\)\s*)\.(?i:get|post|put|patch|delete|all|use|handle|handlefunc|group|with|any|options|head|route)\(`)
	// Names middleware is usually given.
	authNameRe = scan.MustCompile(`(?i)^(?:\w*auth\w*|\w*jwt\w*|protect\w*|require_?login|require_?(?:signed_?in_?)?user|restrict_?to\w*|is_?logged_?in|ensure_?logged_?in|\w*verify_?\w*token\w*|login_?required|ensure_?authenticated|\w*guard)$`)
	// Packages and variables that hold tokens or sessions (tokens,
	// jwtTokens, session), but not a rate limiter or a session store.
	tokenObjRe = scan.MustCompile(`(?i)^\w*(?:token|session)s?$`)
	// Names a package gives its middleware.
	mwNameRe = scan.MustCompile(`(?i)^(?:middleware|mw|handler|verify\w*|verifier|authenticate\w*|authenticator|require\w*|protect\w*|guard|check\w*|must\w*)$`)
	// Names that look like auth but are routers or handlers.
	notMiddlewareRe = scan.MustCompile(`(?i)(?:router|routes?|controller|handlers?|service|api|module)$|^author|^oauth\w*callback$`)
)

func protections(code []byte, pk *pack.Pack) []int {
	var offs []int
	// A pack's own protection patterns; a match on an import line names
	// the decorator, it does not apply it.
	for _, re := range pk.Auth.Protect {
		for _, m := range re.FindAllIndex(code, -1) {
			if !importLine(code, m[0]) {
				offs = append(offs, m[0])
			}
		}
	}
	if pk.Auth.Protections != nil {
		offs = append(offs, pk.Auth.Protections(code)...)
	}
	grp := pk.ID
	switch grp {
	case grpPython:
		for _, re := range pyProtectRes {
			for _, m := range re.FindAllIndex(code, -1) {
				if !importLine(code, m[0]) {
					offs = append(offs, m[0])
				}
			}
		}
		for _, m := range drfPermRe.FindAllSubmatchIndex(code, -1) {
			list := string(code[m[2]:m[3]])
			if strings.TrimSpace(strings.NewReplacer("AllowAny", "", "permissions.", "", "rest_framework.", "", ",", "", "'", "", `"`, "").Replace(list)) != "" {
				offs = append(offs, m[0])
			}
		}
	case grpJVM:
		for _, re := range jvmProtectRes {
			for _, m := range re.FindAllIndex(code, -1) {
				offs = append(offs, m[0])
			}
		}
	case grpJS, grpGo:
		if grp == grpJS {
			for _, re := range jsProtectRes {
				for _, m := range re.FindAllIndex(code, -1) {
					offs = append(offs, m[0])
				}
			}
		}
		for _, m := range routeCallRe.FindAllIndex(code, -1) {
			method := methodOf(code[m[0]:m[1]])
			if routeProtected(code[m[1]:], isUseLike(method), method == "Group") && !coveredBy(offs, code, m[0]) {
				offs = append(offs, m[0])
			}
		}
	}
	sort.Ints(offs)
	return dedupLines(code, offs)
}

// isUseLike reports whether a call registers middleware for what follows
// (app.use, r.Use, chi's r.With) rather than one route.
func isUseLike(method string) bool {
	return strings.EqualFold(method, "use") || method == "With"
}

func methodOf(call []byte) string {
	s := string(call)
	i := strings.LastIndexByte(s, '.')
	return strings.TrimSuffix(s[i+1:], "(")
}

// coveredBy reports whether a protection was already counted on the line.
func coveredBy(offs []int, code []byte, off int) bool {
	line := scan.LineAt(code, off)
	for _, o := range offs {
		if scan.LineAt(code, o) == line {
			return true
		}
	}
	return false
}

func dedupLines(code []byte, offs []int) []int {
	var out []int
	last := -1
	for _, o := range offs {
		if l := scan.LineAt(code, o); l != last {
			out = append(out, o)
			last = l
		}
	}
	return out
}

func importLine(code []byte, off int) bool {
	start := bytes.LastIndexByte(code[:off], '\n') + 1
	line := bytes.TrimSpace(code[start:off])
	return bytes.HasPrefix(line, []byte("from ")) || bytes.HasPrefix(line, []byte("import "))
}

// routeProtected reads the arguments of a route or middleware call (rest
// starts just after its parenthesis) and reports whether one of them is an
// authentication middleware: not the last argument, which is the handler
// or the router mounted, unless the call registers global middleware or
// the middleware wraps the handler. In a Go Group("/prefix", m...) every
// argument after the prefix is middleware (gin, echo, fiber).
func routeProtected(rest []byte, isUse, group bool) bool {
	args, closed := splitArgs(rest)
	if len(args) == 0 {
		return false
	}
	firstIsPath := len(args[0]) > 0 && strings.ContainsRune(`'"`+"`", rune(args[0][0]))
	for i, a := range args {
		ident, call := leadingIdent(a)
		if ident == "" {
			continue
		}
		name, obj := ident, ""
		if j := strings.LastIndexByte(ident, '.'); j >= 0 {
			name = ident[j+1:]
			obj = ident[strings.LastIndexByte(ident[:j], '.')+1 : j]
			// echojwt.JWT(...), jwtware.New(...): the package names the middleware.
			if pkg := ident[:j]; strings.Contains(strings.ToLower(pkg), "jwt") && call {
				return true
			}
		}
		if notMiddlewareRe.MatchString(name) || loginStrategy(obj, name, a) {
			continue
		}
		if !authNameRe.MatchString(name) {
			// auth.required (the RealWorld idiom): the object names the
			// middleware; auth.optional lets anonymous requests through.
			// A token or session package names it too when what it hands
			// over is middleware (tokens.Middleware, session.RequireUser).
			objNames := authNameRe.MatchString(obj) || tokenObjRe.MatchString(obj) && mwNameRe.MatchString(name)
			if obj == "" || !objNames || notMiddlewareRe.MatchString(obj) || strings.Contains(strings.ToLower(name), "optional") {
				continue
			}
		}
		last := closed && i == len(args)-1
		switch {
		case !last:
			return true
		case isUse && !firstIsPath:
			return true // app.use(authenticate): every route after it
		case group && firstIsPath:
			return true // v1.Group("/user", jwtMiddleware)
		case call && strings.Contains(a, "(") && strings.Count(a, "(") > 1:
			return true // authMiddleware(http.HandlerFunc(h)) wraps the handler
		case call && isUse:
			return true // r.Use(AuthMiddleware())
		}
	}
	return false
}

var identRe = scan.MustCompile(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`)

// leadingIdent returns the dotted identifier an argument starts with and
// whether it is called.
func leadingIdent(arg string) (string, bool) {
	arg = strings.TrimPrefix(strings.TrimSpace(arg), "&")
	arg = strings.TrimPrefix(arg, "[")
	arg = strings.TrimSpace(arg)
	id := identRe.FindString(arg)
	if id == "" {
		return "", false
	}
	rest := strings.TrimSpace(arg[len(id):])
	if rest != "" && rest[0] != '(' && rest[0] != ']' && rest[0] != '.' {
		return "", false // an expression, not a middleware reference
	}
	return id, strings.HasPrefix(rest, "(")
}

// splitArgs splits a call's arguments at top-level commas, up to the
// closing parenthesis or the end of the line; closed says the call ended.
func splitArgs(rest []byte) ([]string, bool) {
	var args []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(rest) && i < 4000; i++ {
		c := rest[i]
		if quote != 0 {
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '\'', '"', '`':
			quote = c
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				if a := strings.TrimSpace(string(rest[start:i])); a != "" {
					args = append(args, a)
				}
				return args, true
			}
			depth--
		case ',':
			if depth == 0 {
				args = append(args, strings.TrimSpace(string(rest[start:i])))
				start = i + 1
			}
		case '\n':
			if depth == 0 && i > start && strings.TrimSpace(string(rest[start:i])) != "" && !bytes.HasSuffix(bytes.TrimSpace(rest[start:i]), []byte(",")) {
				args = append(args, strings.TrimSpace(string(rest[start:i])))
				start = i + 1
			}
		}
	}
	if a := strings.TrimSpace(string(rest[start:min(len(rest), 4000)])); a != "" {
		args = append(args, a)
	}
	return args, false
}

// --- hard-coded signing keys ---

// jsEnvFallback optionally matches "process.env.X || " or "?? " before a
// literal: the literal is used whenever the variable is unset.
const jsEnvFallback = `(?:process\.env(?:\.[\w$]+|\[[^\]\n]+\])\s*(?:\|\||\?\?)\s*)?`

var (
	// A literal passed straight to the signing call.
	keyDirectRes = map[string][]*scan.Regexp{

		grpJVM: {
			scan.MustCompile(`hmacShaKeyFor\(\s*"([^"\n]+)"`),
			scan.MustCompile(`Algorithm\.HMAC(?:256|384|512)\(\s*"([^"\n]+)"`),
			scan.MustCompile(`signWith\([^\n]*?"([^"\n]+)"`),
			scan.MustCompile(`setSigningKey\(\s*"([^"\n]+)"`),
			// A default after the colon is the key whenever the property
			// is unset: @Value("${jwt.secret:mySecretKey}"), in Kotlin
			// @Value("\${jwt.secret:mySecretKey}").
			scan.MustCompile(`@Value\(\s*"\\?\$\{[\w.-]*(?i:secret|signing)[\w.-]*:([^}"\n]*[^}"\n\d][^}"\n]*)\}"`),
		},
		grpJS: {
			scan.MustCompile(`\b(?:secret|secretOrKey|secretOrPrivateKey|privateKey)\s*:\s*` + jsEnvFallback + `['"` + "`" + `]([^'"` + "`" + `\n]+)['"` + "`" + `]`),
		},
		grpGo: {scan.MustCompile(`SignedString\(\s*\[\]byte\(\s*"([^"\n]+)"`), scan.MustCompile(`SigningKey(?:\{\s*Key)?\s*:\s*\[\]byte\(\s*"([^"\n]+)"`)},
	}
	// A config property whose name says it holds a token key
	// (jwtSecret: 'x', accessTokenSecret: process.env.X || 'x'), in any
	// file: config modules often do not import the JWT library. Not
	// tokenKey: that is usually the localStorage key a frontend uses.
	jsKeyPropRe = scan.MustCompile(`\b([\w$]*(?:(?:jwt|Jwt|JWT|[Tt]oken|TOKEN)[\w$]*(?:secret|Secret|SECRET)|(?:jwt|Jwt|JWT)[\w$]*(?:key|Key|KEY)))\s*:\s*` + jsEnvFallback + `['"` + "`" + `]([^'"` + "`" + `\n]+)['"` + "`" + `]`)
	// An object of key settings whose secret is a literal, the NestJS
	// docs' idiom: export const jwtConstants = { secret: 'k3y' }, passed
	// as JwtModule.register({ secret: jwtConstants.secret }). Group 1 is
	// the object's name (linked through jwtNames), group 2 the value.
	jsKeyObjectRe = scan.MustCompile(`(?:const|let|var)\s+([\w$]+)\s*(?::\s*[\w$<>\[\], ]+)?=\s*\{\s*(?:secret|secretOrKey|secretOrPrivateKey|privateKey)\s*:\s*['"` + "`" + `]([^'"` + "`" + `\n]+)['"` + "`" + `]`)
	// The literal after an environment fallback is the key whenever the
	// variable is unset: secret: process.env.JWT_SECRET || 'superSecret'.
	jsFallbackRe = scan.MustCompile(`^process\.env(?:\.[\w$]+|\[[^\]\n]+\])\s*(?:\|\||\?\?)\s*['"` + "`" + `]([^'"` + "`" + `\n]+)['"` + "`" + `]$`)
	// Identifiers passed to signing calls, to link a key defined elsewhere.
	jwtCallRe = map[string]*scan.Regexp{
		grpPython: scan.MustCompile(`jwt\.(?:encode|decode)\(([^\n]*)|JWT_SECRET_KEY\W+([^\n]*)|SIGNING_KEY\W+([^\n]*)`),
		grpJVM:    scan.MustCompile(`(?:hmacShaKeyFor|signWith|setSigningKey|HMAC256|HMAC512|verifyWith)\(([^\n]*)`),
		grpJS:     scan.MustCompile(`jwt\.(?:sign|verify)\(([^\n]*)|\bsecret(?:OrKey)?\s*:\s*([^\n]*)`),
		grpGo:     scan.MustCompile(`SignedString\(([^\n]*)|SigningKey\s*:\s*([^\n]*)|return\s+([\w.]+),\s*nil`),
		"ruby":    scan.MustCompile(`\bJWT\.(?:encode|decode)\b([^\n]*)`),
	}
	wordRe = scan.MustCompile(`[A-Za-z_$][\w$]*`)
	// Signing calls whose key is the second argument.
	signCallRe = map[string]*scan.Regexp{
		grpPython: scan.MustCompile(`\bjwt\.(?:encode|decode)\(`),
		grpJS:     scan.MustCompile(`\bjwt\.(?:sign|verify)\(`),
	}
)

func (d *detector) findKeys(p string, code []byte, pk *pack.Pack, jwtFile bool) {
	grp := pk.ID
	if exampleFile(p) {
		return
	}
	if re := jwtCallRe[grp]; re != nil && bytes.Contains(code, []byte("(")) {
		for _, m := range re.FindAllSubmatch(code, -1) {
			for _, g := range m[1:] {
				for _, w := range wordRe.FindAll(g, -1) {
					d.jwtNames[string(w)] = true
				}
			}
		}
	}
	if re := pk.Auth.KeyAssign; re != nil {
		for _, m := range re.FindAllSubmatchIndex(code, -1) {
			val := string(code[m[4]:m[5]])
			if placeholder(val) {
				continue
			}
			name := ""
			if m[2] >= 0 { // a pack's pattern may have no name (a literal passed to the key's constructor)
				name = string(code[m[2]:m[3]])
			}
			d.keys = append(d.keys, keyCandidate{
				loc:  facts.Location{Path: p, Line: scan.LineAt(code, m[0])},
				name: name, jwtFile: jwtFile,
			})
		}
	}
	if pk.Auth.KeyLiterals != nil {
		for _, k := range pk.Auth.KeyLiterals(code) {
			if placeholder(k.Value) {
				continue
			}
			d.keys = append(d.keys, keyCandidate{
				loc:  facts.Location{Path: p, Line: scan.LineAt(code, k.Offset)},
				name: k.Name, jwtFile: jwtFile && k.Name == "",
			})
		}
	}
	if grp == grpJS {
		for _, m := range jsKeyObjectRe.FindAllSubmatchIndex(code, -1) {
			if placeholder(string(code[m[4]:m[5]])) {
				continue
			}
			d.keys = append(d.keys, keyCandidate{
				loc:  facts.Location{Path: p, Line: scan.LineAt(code, m[4])},
				name: string(code[m[2]:m[3]]),
			})
		}
		for _, m := range jsKeyPropRe.FindAllSubmatchIndex(code, -1) {
			if placeholder(string(code[m[4]:m[5]])) {
				continue
			}
			name := ""
			if m[2] >= 0 { // a pack's pattern may have no name (a literal passed to the key's constructor)
				name = string(code[m[2]:m[3]])
			}
			d.keys = append(d.keys, keyCandidate{
				loc:  facts.Location{Path: p, Line: scan.LineAt(code, m[0])},
				name: name, jwtFile: jwtFile,
			})
		}
	}
	if !jwtFile && grp != grpJVM && grp != grpGo {
		// "secret: 'x'" is only a JWT key in a file that uses JWT.
		return
	}
	if re := signCallRe[grp]; re != nil {
		for _, m := range re.FindAllIndex(code, -1) {
			args, _ := splitArgs(code[m[1]:])
			if len(args) < 2 {
				continue
			}
			key := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(args[1]), "key="))
			if m := jsFallbackRe.FindStringSubmatch(key); m != nil {
				key = "'" + m[1] + "'"
			}
			if len(key) < 2 || !strings.ContainsRune(`'"`+"`", rune(key[0])) || placeholder(strings.Trim(key, `'"`+"`")) {
				continue
			}
			d.keys = append(d.keys, keyCandidate{loc: facts.Location{Path: p, Line: scan.LineAt(code, m[0])}, jwtFile: true})
		}
	}
	for _, re := range keyDirectRes[grp] {
		for _, m := range re.FindAllSubmatchIndex(code, -1) {
			if placeholder(string(code[m[2]:m[3]])) {
				continue
			}
			d.keys = append(d.keys, keyCandidate{loc: facts.Location{Path: p, Line: scan.LineAt(code, m[0])}, jwtFile: true})
		}
	}
}

// placeholder reports whether a literal is not a real key: empty, a
// template, or words that ask to be replaced.
func placeholder(v string) bool {
	l := strings.ToLower(strings.TrimSpace(v))
	if len(l) < 3 {
		return true
	}
	for _, w := range []string{"changeme", "change-me", "change_me", "change this", "changethis", "your-secret", "your_secret", "yoursecret", "your-", "your_", "${", "{{", "<", "xxx", "placeholder", "replace", "example", "redacted", "****", "do not use"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// exampleFile reports whether p is an example or template the user is
// meant to copy and fill in.
func exampleFile(p string) bool {
	l := strings.ToLower(p)
	base := path.Base(l)
	return strings.Contains(base, ".example") || strings.Contains(base, ".sample") || strings.Contains(base, "example.") ||
		strings.Contains(base, ".template") || strings.Contains(l, "/examples/") || strings.HasPrefix(l, "examples/")
}

// blankDocstrings blanks Python triple-quoted strings, which scan.Code
// keeps: a docstring saying "Depends(get_current_user)" protects nothing.
// Offsets and newlines are kept. The blanked copy is appended to dst (the
// caller's buffer, reused file after file); when code holds no docstring
// it comes back as is, dst untouched, and copied is false.
func blankDocstrings(dst, code []byte) (out []byte, copied bool) {
	out = code
	for i := 0; i+2 < len(code); i++ {
		c := code[i]
		if (c != '"' && c != '\'') || code[i+1] != c || code[i+2] != c {
			continue
		}
		end := bytes.Index(code[i+3:], []byte{c, c, c})
		stop := len(code)
		if end >= 0 {
			stop = i + 3 + end + 3
		}
		if !copied {
			out = append(dst, code...)
			copied = true
		}
		for k := i; k < stop; k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
		i = stop - 1
	}
	return out, copied
}

// passportStrategy is the strategy a passport.authenticate call names.
var passportStrategy = scan.MustCompile(`^passport\.authenticate\(\s*['"]([\w-]+)['"]`)

// loginStrategy reports whether an argument is passport.authenticate with
// a strategy that logs a user in (local, google, github...) rather than
// checking a token on each request: the login route is not a protected one.
func loginStrategy(obj, name, arg string) bool {
	if obj != "passport" || name != "authenticate" {
		return false
	}
	m := passportStrategy.FindStringSubmatch(strings.TrimSpace(arg))
	if m == nil {
		return false // a strategy held in a variable: cannot tell
	}
	s := strings.ToLower(m[1])
	for _, guard := range []string{"jwt", "bearer", "basic", "api", "token", "session", "cookie"} {
		if strings.Contains(s, guard) {
			return false
		}
	}
	return true
}

func matchOffsets(re *scan.Regexp, code []byte) []int {
	var offs []int
	for _, m := range re.FindAllIndex(code, -1) {
		offs = append(offs, m[0])
	}
	return offs
}
