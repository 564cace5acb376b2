package code

import (
	"slices"
	"testing"
)

// Express projects throw their own error class and let the central
// handler set the status: the code is an argument of the constructor.
func TestCustomErrorClassStatus(t *testing.T) {
	cases := []struct {
		name  string
		stack [2]string
		files []string
		codes []int
	}{
		{"jsend boilerplate (typescript)", [2]string{"typescript", "express"}, []string{
			"src/services/user-service.ts", "import { FailResponse } from '../utils/jsend'\n\nexport const getUserById = async (id: number) => {\n  const user = await User.findByPk(id)\n  if (!user) {\n    throw new FailResponse(404, 'User not found')\n  }\n  return user\n}\n",
			"src/middlewares/auth.ts", "return reject(new FailResponse(401, 'Please authenticate'))\n",
		}, []int{401, 404}},
		{"natours AppError and ApiError (javascript)", [2]string{"javascript", "express"}, []string{
			"controllers/tourController.js", "exports.getTour = catchAsync(async (req, res, next) => {\n  const tour = await Tour.findById(req.params.id)\n  if (!tour) {\n    return next(new AppError('No tour found with that ID', 404))\n  }\n})\n",
			"src/services/auth.service.js", "throw new ApiError(httpStatus.UNAUTHORIZED, 'Incorrect email or password');\nthrow new ApiError(400, 'Email already taken');\n",
		}, []int{400, 401, 404}},
		{"plain errors and responses carry no status", [2]string{"typescript", "express"}, []string{
			"src/lib/fetch.ts", "throw new Error('404 page missing')\nthrow new Error(`Request failed: ${res.status}`)\nconst r = new Response(JSON.stringify(body), { headers })\nconst d = new Date(2024, 400)\nthrow new ValidationError(errors, 'body')\n",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, stackOf(c.stack[0], c.stack[1]), c.files...)
			if !slices.Equal(f.ErrorHandling.StatusCodes, c.codes) {
				t.Errorf("codes = %v, want %v (%v)", f.ErrorHandling.StatusCodes, c.codes, f.ErrorHandling.StatusEvidence)
			}
		})
	}
}
