package source

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
)

// gitOverrides neutralise every setting of an audited repository's own
// .git/config (or a file it includes) that makes the git commands an
// audit runs execute a program, reach the network or use unbounded
// memory. Command-line -c wins over every config file, so a hostile
// checkout cannot turn them back on.
var gitOverrides = []string{
	// Programs git would run on the repository's say.
	"core.fsmonitor=false",
	"core.hooksPath=/dev/null",
	"core.pager=cat",
	"core.sshCommand=false",
	"core.gitProxy=",
	"core.askPass=",
	"credential.helper=",
	"log.showSignature=false",
	"gpg.program=false",
	"gpg.openpgp.program=false",
	"gpg.x509.program=false",
	"gpg.ssh.program=false",
	"gpg.ssh.defaultKeyCommand=false",
	"diff.external=false",
	"gc.auto=0",
	"maintenance.auto=false",
	// A partial clone would fetch missing objects through whatever remote
	// (ext::sh -c …) its config names.
	"protocol.allow=never",
	// Plain bytes out, whatever the repository's locale settings.
	"core.quotepath=off",
	"i18n.logOutputEncoding=UTF-8",
	// Issue 12: a huge pack must not map gigabytes into the audit. 1m
	// windows, not 4m: git log on netbox's history then takes 10% less CPU
	// (fewer, cheaper remaps) for 9 MB more at its peak (60 MB). An 8m
	// delta-base cache, not 32m: `git log --name-status` took 5-25% less
	// CPU and 26 MB less memory on the 20,000-file tree, saleor, solidus
	// and jellyfin (85 -> 59 MB, the audit's largest process there); 1m
	// to 8m made no difference in CPU.
	"core.packedGitWindowSize=1m",
	"core.packedGitLimit=32m",
	"core.deltaBaseCacheLimit=8m",
}

// gitCommand builds every git command run on an audited tree: the
// repository's executing settings overridden, no system or global config
// (a reviewer's aliases and hooks are not the audit's business), no GIT_*
// variable from the caller (GIT_DIR or GIT_CONFIG_PARAMETERS would point
// git elsewhere), and the caller's own safe.directory entries as the only
// widening of git's ownership check.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := make([]string, 0, 2*len(gitOverrides)+8+len(args))
	full = append(full, "--no-pager")
	for _, o := range gitOverrides {
		full = append(full, "-c", o)
	}
	for _, d := range trustedDirs() {
		full = append(full, "-c", "safe.directory="+d)
	}
	full = append(full, "-C", dir)
	full = append(full, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Env = gitEnv(os.Environ())
	return cmd
}

// gitEnv is environ without any GIT_* variable, plus the fixed ones.
func gitEnv(environ []string) []string {
	env := make([]string, 0, len(environ)+8)
	for _, kv := range environ {
		if strings.HasPrefix(kv, "GIT_") || strings.HasPrefix(kv, "LC_ALL=") || strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_PAGER=cat",
		"GIT_NO_LAZY_FETCH=1",
		"GIT_NO_REPLACE_OBJECTS=1",
		"GIT_OPTIONAL_LOCKS=0",
		"LC_ALL=C",
	)
}

var (
	trustedOnce sync.Once
	trusted     []string
)

// trustedDirs are the safe.directory entries of the caller's own system
// and global config, read once outside any repository: with those files
// hidden from the audit's git, a checkout the user chose to trust must
// still open, and one they did not is refused as plain git refuses it.
func trustedDirs() []string {
	trustedOnce.Do(func() {
		for _, scope := range []string{"--system", "--global"} {
			// A scoped read opens that one file, never a repository's.
			cmd := exec.Command("git", "config", scope, "--get-all", "safe.directory")
			cmd.Dir = os.TempDir()
			out, err := cmd.Output()
			if err != nil {
				continue // exit 1: none set
			}
			for _, line := range strings.Split(string(out), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					trusted = append(trusted, line)
				}
			}
		}
	})
	return trusted
}
