package facts

// Container describes the repository's Dockerfiles, for the platform
// profile's container checks.
type Container struct {
	// Dockerfiles found, the main one first (the root Dockerfile, else the
	// shallowest).
	Dockerfiles []Dockerfile `json:"dockerfiles,omitempty"`
	// Dockerignore is true when a .dockerignore sits at the root or beside
	// a Dockerfile.
	Dockerignore bool `json:"dockerignore"`

	DockerignoreEvidence []Location `json:"-"`
}

// Dockerfile is what one Dockerfile declares.
type Dockerfile struct {
	Path string `json:"path"`
	// Stages counts FROM instructions; two or more is a multi-stage build.
	Stages int `json:"stages"`
	// Images are the external base images, stage references and scratch
	// left out, with build arguments' defaults substituted.
	Images []string `json:"images,omitempty"`
	// Unpinned are base images with no tag or the latest tag and no digest.
	Unpinned []string `json:"unpinned,omitempty"`
	// User is the final stage's USER ("" when it sets none and runs as root).
	User string `json:"user,omitempty"`
	// NonRoot is true when the final stage runs as a user other than root:
	// a USER that is not root or 0, or a distroless ":nonroot" image.
	NonRoot bool `json:"non_root"`

	// FromLines are the lines of the FROM instructions; UnpinnedLines those
	// of the unpinned ones; UserLine that of the final stage's USER.
	FromLines     []int `json:"-"`
	UnpinnedLines []int `json:"-"`
	UserLine      int   `json:"-"`
}

// Structure describes how the code is organised, for the enterprise
// profile's layering check.
type Structure struct {
	// Layers found among controller, service and repository, in that order.
	Layers []string `json:"layers,omitempty"`
	// Evidence points at one file of each layer, in the order of Layers.
	Evidence []Location `json:"-"`
}
