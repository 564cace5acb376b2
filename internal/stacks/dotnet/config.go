package dotnet

import (
	"bytes"
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// ConfigSecret is a secret committed in an appsettings file.
type ConfigSecret struct {
	Line int
	// Rule is "aspnet-jwt-key" for a token signing key and
	// "connection-string-password" for a password inside a connection string.
	Rule string
	// Key is the setting's path, such as Jwt:Key.
	Key   string
	Value string
}

// IsAppSettings reports whether p is an ASP.NET Core settings file
// (appsettings.json, appsettings.Production.json, ...).
func IsAppSettings(p string) bool {
	b := strings.ToLower(path.Base(p))
	return strings.HasPrefix(b, "appsettings") && strings.HasSuffix(b, ".json")
}

var (
	// reSigningSection names a settings section about tokens.
	reSigningSection = scan.MustCompile(`(?i)jwt|token|auth|bearer|identity|security|appsettings`)
	// reSigningLeaf names the key itself.
	reSigningLeaf = scan.MustCompile(`(?i)^(?:key|secret|secretkey|secret_key|signingkey|signing_key|issuersigningkey|token|tokenkey|jwtkey|jwtsecret|jwt_secret|privatekey)$`)
	rePassword    = scan.MustCompile(`(?i)(?:^|;)\s*(?:password|pwd)\s*=\s*([^;]+)`)
)

// ConfigSecrets returns the signing keys and connection-string passwords
// committed in an appsettings file. Empty values and placeholders
// ("CHANGE_ME", "your-secret", "${JWT_KEY}") are left alone, as is
// anything in a file that does not parse as JSON (with comments allowed).
func ConfigSecrets(data []byte) []ConfigSecret {
	var root any
	if err := json.Unmarshal(stripJSONComments(data), &root); err != nil {
		return nil
	}
	var out []ConfigSecret
	var walk func(prefix []string, v any)
	walk = func(prefix []string, v any) {
		switch t := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(append(append([]string(nil), prefix...), k), t[k])
			}
		case string:
			if len(prefix) == 0 {
				return
			}
			leaf := prefix[len(prefix)-1]
			section := strings.Join(prefix[:len(prefix)-1], ":")
			switch {
			case len(prefix) >= 2 && strings.EqualFold(prefix[0], "ConnectionStrings"):
				if m := rePassword.FindStringSubmatch(t); m != nil && !Placeholder(strings.TrimSpace(m[1])) {
					out = append(out, ConfigSecret{Rule: "connection-string-password", Key: strings.Join(prefix, ":"), Value: strings.TrimSpace(m[1])})
				}
			case reSigningLeaf.MatchString(leaf) && (reSigningSection.MatchString(section) || strings.Contains(strings.ToLower(leaf), "jwt")):
				if !Placeholder(t) && len(t) >= 8 {
					out = append(out, ConfigSecret{Rule: "aspnet-jwt-key", Key: strings.Join(prefix, ":"), Value: t})
				}
			}
		}
	}
	walk(nil, root)
	for i := range out {
		out[i].Line = lineOfValue(data, out[i].Value)
	}
	return out
}

// lineOfValue returns the 1-based line where v first appears, or 1.
func lineOfValue(data []byte, v string) int {
	i := bytes.Index(data, []byte(v))
	if i < 0 {
		return 1
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// stripJSONComments blanks // and /* */ comments outside strings, which
// ASP.NET Core's JSON configuration accepts, and trailing commas.
func stripJSONComments(data []byte) []byte {
	return reTrailingComma.ReplaceAll(Code(data), []byte("$1"))
}

// reTrailingComma is compiled once: scan.MustCompile registers every
// pattern it is given, so one made per call grew the registry per file.
var reTrailingComma = scan.MustCompile(`,(\s*[}\]])`)
