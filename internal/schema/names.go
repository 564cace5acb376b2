package schema

import "strings"

// Snake converts CamelCase to snake_case ("UserProfile" → user_profile,
// "HTTPLog" → http_log).
func Snake(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			prevLower := i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= '0' && s[i-1] <= '9')
			nextLower := i > 0 && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z' && s[i-1] >= 'A' && s[i-1] <= 'Z'
			if prevLower || nextLower {
				b.WriteByte('_')
			}
			b.WriteByte(c + 32)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Plural is English pluralisation as the ORMs do it (Sequelize's
// inflection, Mongoose's rules) for the common words: user → users,
// category → categories, address → addresses, person → people.
func Plural(w string) string {
	lower := strings.ToLower(w)
	for _, u := range []string{"information", "equipment", "money", "species", "series", "news", "fish", "sheep", "deer", "media", "data", "metadata", "feedback"} {
		if strings.HasSuffix(lower, u) {
			return w
		}
	}
	irregular := []struct{ one, many string }{{"person", "people"}, {"man", "men"}, {"child", "children"}, {"mouse", "mice"}, {"quiz", "quizzes"}}
	for _, ir := range irregular {
		if strings.HasSuffix(lower, ir.one) {
			return w[:len(w)-len(ir.one)] + matchCase(w[len(w)-len(ir.one):], ir.many)
		}
	}
	switch {
	case strings.HasSuffix(lower, "status"), strings.HasSuffix(lower, "alias"):
		return w + "es"
	case strings.HasSuffix(lower, "ss"), strings.HasSuffix(lower, "sh"), strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"):
		return w + "es"
	case strings.HasSuffix(lower, "s"):
		return w
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(lower, "fe") && len(lower) > 2:
		return w[:len(w)-2] + "ves"
	case strings.HasSuffix(lower, "lf"), strings.HasSuffix(lower, "rf"):
		return w[:len(w)-1] + "ves"
	}
	return w + "s"
}

func matchCase(orig, repl string) string {
	if orig != "" && orig[0] >= 'A' && orig[0] <= 'Z' {
		return strings.ToUpper(repl[:1]) + repl[1:]
	}
	return repl
}
