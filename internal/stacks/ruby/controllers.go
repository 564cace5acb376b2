package ruby

import (
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Controller is what one controller file declares about requests: its
// class, its parent, the callbacks that guard actions and whether it
// rescues exceptions for its subclasses.
type Controller struct {
	// Name is the Rails controller path derived from the file, as routes
	// name it ("api/v1/books" for app/controllers/api/v1/books_controller.rb).
	Name string
	// Class and Parent are the class names as written ("BooksController",
	// "Api::BaseController"); Module the enclosing modules ("Api::V1").
	Class, Parent, Module string
	// Filters are the before_action / skip_before_action declarations (and
	// http_basic_authenticate_with) in order.
	Filters []Filter
	// Includes are the modules it includes (concerns).
	Includes []string
	// RescueFrom lists the lines of its rescue_from declarations.
	RescueFrom []int
	// Path is the file.
	Path string
}

// Filter is one callback declaration.
type Filter struct {
	// Name is the callback method (authenticate_user!).
	Name string
	// Skip is true for skip_before_action.
	Skip bool
	// Only and Except restrict the actions; both empty means every action.
	Only, Except []string
	Line         int
}

// Auth reports whether a filter name is an authentication or authorisation
// guard: authenticate_user!, authorize_request, authorized, require_login,
// doorkeeper_authorize!, ... but not verify_authenticity_token (CSRF).
func (f Filter) Auth() bool { return IsAuthFilter(f.Name) }

var (
	authFilterRe    = scan.MustCompile(`(?i)^(?:authenticate\w*|authorize\w*|auth(?:_\w+)?|require_(?:login|user|auth\w*|sign_in|signed_in|logged_in|admin)|ensure_(?:authenticated|logged_in|signed_in|user|admin)|logged_in|signed_in|check_(?:auth\w*|token|jwt|login|user)|verify_(?:token|jwt|user|auth\w*)|validate_(?:token|jwt)|doorkeeper_authorize|login_required|user_required|jwt_\w+|http_basic_authenticate_with)[!?]?$`)
	notAuthFilterRe = scan.MustCompile(`(?i)authenticity|^authorize_resource$`)

	controllerClassRe = scan.MustCompile(`^class\s+((?:\w+::)*\w+)\s*<\s*((?:::)?(?:\w+::)*\w+)`)
	moduleRe          = scan.MustCompile(`^module\s+((?:\w+::)*\w+)\s*$`)
	filterRe          = scan.MustCompile(`^(before_action|prepend_before_action|append_before_action|before_filter|skip_before_action|skip_before_filter)\s*\(?\s*(.*)$`)
	basicAuthRe       = scan.MustCompile(`^http_basic_authenticate_with\b\s*\(?(.*)$`)
	includeRe         = scan.MustCompile(`^include\s+((?:\w+::)*\w+)`)
	rescueFromRe      = scan.MustCompile(`^rescue_from\b`)
)

// IsAuthFilter reports whether a before_action callback name guards access.
func IsAuthFilter(name string) bool {
	name = strings.TrimPrefix(name, ":")
	return authFilterRe.MatchString(name) && !notAuthFilterRe.MatchString(name)
}

// ControllerName turns app/controllers/api/v1/books_controller.rb into the
// routes' controller path api/v1/books ("" for other files).
func ControllerName(p string) string {
	i := strings.Index(p, "app/controllers/")
	if i < 0 || !strings.HasSuffix(p, "_controller.rb") {
		return ""
	}
	rel := p[i+len("app/controllers/"):]
	if strings.HasPrefix(rel, "concerns/") {
		return ""
	}
	return strings.TrimSuffix(rel, "_controller.rb")
}

// ParseController reads one controller file.
func ParseController(p string, src []byte) Controller {
	c := Controller{Name: ControllerName(p), Path: p}
	var mods []string
	for _, st := range statements(src) {
		s := st.text
		if c.Class == "" {
			if m := moduleRe.FindStringSubmatch(s); m != nil {
				mods = append(mods, m[1])
				continue
			}
			if m := controllerClassRe.FindStringSubmatch(s); m != nil {
				c.Class, c.Parent, c.Module = m[1], strings.TrimPrefix(m[2], "::"), strings.Join(mods, "::")
			}
			continue
		}
		switch {
		case filterRe.MatchString(s):
			m := filterRe.FindStringSubmatch(s)
			skip := strings.HasPrefix(m[1], "skip_")
			args := strings.TrimSuffix(strings.TrimSpace(m[2]), ")")
			only, except := filterScope(args)
			for _, name := range leadingNames(args) {
				c.Filters = append(c.Filters, Filter{Name: name, Skip: skip, Only: only, Except: except, Line: st.line})
			}
		case basicAuthRe.MatchString(s):
			args := basicAuthRe.FindStringSubmatch(s)[1]
			only, except := filterScope(args)
			c.Filters = append(c.Filters, Filter{Name: "http_basic_authenticate_with", Only: only, Except: except, Line: st.line})
		case includeRe.MatchString(s):
			c.Includes = append(c.Includes, includeRe.FindStringSubmatch(s)[1])
		case rescueFromRe.MatchString(s):
			c.RescueFrom = append(c.RescueFrom, st.line)
		}
	}
	return c
}

func filterScope(args string) (only, except []string) {
	if v, ok := option(args, "only"); ok {
		only = nameList(v)
	}
	if v, ok := option(args, "except"); ok {
		except = nameList(v)
	}
	return only, except
}

// applies reports whether a filter declaration covers an action.
func (f Filter) applies(action string) bool {
	if len(f.Only) > 0 {
		return contains(f.Only, action)
	}
	return !contains(f.Except, action)
}

// Controllers indexes the controllers of a project by class name, so an
// action's inherited callbacks can be followed up the class chain.
type Controllers struct {
	byName  map[string]*Controller // routes' controller path
	byClass map[string]*Controller // fully qualified class name
	// concerns maps a concern module name to whether it declares an auth
	// before_action, and its rescue_from lines.
	concerns map[string]Concern
}

// Concern is what a controller concern (app/controllers/concerns) adds to
// the controllers that include it.
type Concern struct {
	Filters    []Filter
	RescueFrom []int
	Path       string
}

// NewControllers indexes parsed controllers and concerns.
func NewControllers(cs []Controller, concerns map[string]Concern) *Controllers {
	x := &Controllers{byName: map[string]*Controller{}, byClass: map[string]*Controller{}, concerns: concerns}
	for i := range cs {
		c := &cs[i]
		if c.Class == "" {
			continue
		}
		if c.Name != "" {
			x.byName[c.Name] = c
		}
		x.byClass[qualify(c.Module, c.Class)] = c
	}
	return x
}

// ParseConcern reads a controller concern: a module whose `included do`
// block (or body) declares callbacks and rescue_from. It returns the
// module's name.
func ParseConcern(src []byte) (string, Concern) {
	var name string
	var mods []string
	var c Concern
	for _, st := range statements(src) {
		s := st.text
		if m := moduleRe.FindStringSubmatch(s); m != nil && name == "" {
			mods = append(mods, m[1])
			continue
		}
		if name == "" && len(mods) > 0 {
			name = strings.Join(mods, "::")
		}
		switch {
		case filterRe.MatchString(s):
			m := filterRe.FindStringSubmatch(s)
			args := strings.TrimSuffix(strings.TrimSpace(m[2]), ")")
			only, except := filterScope(args)
			for _, n := range leadingNames(args) {
				c.Filters = append(c.Filters, Filter{Name: n, Skip: strings.HasPrefix(m[1], "skip_"), Only: only, Except: except, Line: st.line})
			}
		case rescueFromRe.MatchString(s):
			c.RescueFrom = append(c.RescueFrom, st.line)
		}
	}
	if name == "" {
		name = strings.Join(mods, "::")
	}
	return name, c
}

func qualify(mod, class string) string {
	if mod == "" {
		return class
	}
	return mod + "::" + class
}

// chain returns the controller and its ancestors, root first.
func (x *Controllers) chain(c *Controller) []*Controller {
	var out []*Controller
	seen := map[*Controller]bool{}
	for c != nil && !seen[c] && len(out) < 16 {
		seen[c] = true
		out = append(out, c)
		c = x.parent(c)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// parent resolves a class's parent the way Ruby constant lookup does from
// inside its modules: Api::V1::BaseController, Api::BaseController,
// BaseController.
func (x *Controllers) parent(c *Controller) *Controller {
	full := qualify(c.Module, c.Class)
	scopes := strings.Split(full, "::")
	scopes = scopes[:len(scopes)-1]
	for i := len(scopes); i >= 0; i-- {
		cand := c.Parent
		if i > 0 {
			cand = strings.Join(scopes[:i], "::") + "::" + c.Parent
		}
		if p, ok := x.byClass[cand]; ok && p != c {
			return p
		}
	}
	return nil
}

// Guard says how an action is protected.
type Guard struct {
	// Protected is true when an auth callback runs before the action.
	Protected bool
	// Filter is the callback and Path/Line where it is declared.
	Filter Filter
	Path   string
}

// GuardOf follows a route's controller up its class chain and applies the
// callbacks in order: before_action adds (a re-declaration replaces the
// earlier one, as Rails does), skip_before_action removes. Routes to
// controllers the project does not define (devise's, rails/health) are not
// protected by the project.
func (x *Controllers) GuardOf(r Route) Guard {
	c, ok := x.byName[r.Controller]
	if !ok {
		return Guard{}
	}
	active := map[string]Guard{}
	var order []string
	apply := func(fs []Filter, p string) {
		for _, f := range fs {
			if !f.Auth() {
				continue
			}
			switch {
			case f.Skip && f.applies(r.Action):
				delete(active, f.Name)
			case f.Skip:
			case f.applies(r.Action):
				if _, seen := active[f.Name]; !seen {
					order = append(order, f.Name)
				}
				active[f.Name] = Guard{Protected: true, Filter: f, Path: p}
			default:
				delete(active, f.Name) // redeclared with only:/except: that leave this action out
			}
		}
	}
	for _, k := range x.chain(c) {
		for _, inc := range k.Includes {
			if con, ok := x.concerns[inc]; ok {
				apply(con.Filters, con.Path)
			}
		}
		apply(k.Filters, k.Path)
	}
	for _, name := range order {
		if g, ok := active[name]; ok {
			return g
		}
	}
	return Guard{}
}

// CentralRescue returns where exceptions are rescued for many controllers:
// rescue_from in a controller other controllers inherit from (usually
// ApplicationController or an API base controller), or in a concern such a
// controller includes. A rescue_from in one leaf controller is local.
func (x *Controllers) CentralRescue() (p string, line int, ok bool) {
	parents := map[*Controller]bool{}
	for _, c := range x.byClass {
		if pc := x.parent(c); pc != nil {
			parents[pc] = true
		}
	}
	classes := make([]string, 0, len(x.byClass))
	for cls := range x.byClass {
		classes = append(classes, cls)
	}
	sort.Strings(classes)
	for _, cls := range classes {
		c := x.byClass[cls]
		base := parents[c] || c.Class == "ApplicationController" || strings.HasSuffix(c.Class, "BaseController") || c.Class == "ApiController"
		if !base {
			continue
		}
		if len(c.RescueFrom) > 0 {
			return c.Path, c.RescueFrom[0], true
		}
		for _, inc := range c.Includes {
			if con, found := x.concerns[inc]; found && len(con.RescueFrom) > 0 {
				return con.Path, con.RescueFrom[0], true
			}
		}
	}
	return "", 0, false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
