package secret

import (
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

// packEnvKeys are the stack packs' framework credentials in .env files
// (Laravel's APP_KEY=base64:...).
var packEnvKeys = func() []pack.Named {
	var out []pack.Named
	for _, pk := range stacks.All() {
		out = append(out, pk.Secrets.EnvKeys...)
	}
	return out
}()

// packNotSecret asks the stack packs whether a value assigned to a
// password-like name is no credential ('password' => 'required|min:8').
func packNotSecret(v string) bool {
	for _, pk := range stacks.All() {
		if f := pk.Secrets.NotSecret; f != nil && f(v) {
			return true
		}
	}
	return false
}
