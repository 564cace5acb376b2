package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time (-ldflags "-X .../internal/cli.version=v1.2.3");
// otherwise the module version from the build info is used.
var version = ""

// baseVersion is reported by development builds.
const baseVersion = "0.1.0-dev"

// Version returns vetfolio's version.
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return baseVersion
}

func newVersionCmd(st Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print vetfolio's version",
		Args:  wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(st.Out, "vetfolio %s (%s, %s/%s)\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
