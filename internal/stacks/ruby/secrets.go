package ruby

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	// masterKeyFileRe matches the files that decrypt Rails credentials:
	// config/master.key and config/credentials/<env>.key.
	masterKeyFileRe = scan.MustCompile(`(?:^|/)config/(?:master|credentials/\w+)\.key$`)
	masterKeyRe     = scan.MustCompile(`^\s*([0-9a-f]{32})\s*$`)
	// generatedTemplateKeyRe is a commented-out key that a generator wrote
	// as an example (devise's `# config.secret_key = '<128 hex>'` and
	// `# config.pepper = '…'`): never used, so not a committed credential.
	generatedTemplateKeyRe = scan.MustCompile(`^\s*#\s*config\.(?:secret_key|pepper)\s*=\s*'[0-9a-f]{64,}'\s*$`)
)

// MasterKey returns the key a committed config/master.key (or
// config/credentials/<env>.key) holds: with it anyone decrypts
// config/credentials.yml.enc, which is safe to commit only without it.
func MasterKey(p string, src []byte) (key string, ok bool) {
	if !masterKeyFileRe.MatchString(p) {
		return "", false
	}
	m := masterKeyRe.FindSubmatch(src)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

// EncryptedCredentials reports whether a file is Rails' encrypted
// credentials (config/credentials.yml.enc, config/credentials/*.yml.enc):
// ciphertext, not a secret, however random it looks.
func EncryptedCredentials(p string) bool {
	return strings.HasSuffix(p, ".yml.enc") && strings.Contains(p, "config/credentials")
}

// GeneratedTemplateLine reports whether a line is a generator's
// commented-out example key, not a credential.
func GeneratedTemplateLine(line string) bool { return generatedTemplateKeyRe.MatchString(line) }
