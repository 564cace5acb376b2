// The operation documented the Swagger 2.0 way (produces:) in an OpenAPI 3
// document: read by swagger-jsdoc only when BROKEN=1.
/**
 * @openapi
 * /api/notes/count:
 *   get:
 *     summary: Count notes
 *     produces:
 *       - application/json
 *     responses:
 *       200:
 *         description: How many notes
 */
