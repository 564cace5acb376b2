import { FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import bcrypt from 'bcrypt';

const Credentials = Type.Object({
  email: Type.String({ format: 'email' }),
  password: Type.String({ minLength: 8, maxLength: 72 }),
});

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/register', {
    schema: { summary: 'Create an account', tags: ['auth'], body: Credentials, response: { 201: Type.Object({ id: Type.Integer() }), 409: Type.Object({ error: Type.String() }) } },
  }, async (request, reply) => {
    const passwordHash = await bcrypt.hash(request.body.password, 12);
    const user = await app.prisma.user.create({ data: { email: request.body.email, passwordHash } });
    return reply.code(201).send({ id: user.id });
  });

  app.post('/auth/login', {
    schema: { summary: 'Log in for an access token', tags: ['auth'], body: Credentials, response: { 401: Type.Object({ error: Type.String() }) } },
  }, async (request, reply) => {
    const user = await app.prisma.user.findUnique({ where: { email: request.body.email } });
    if (!user || !(await bcrypt.compare(request.body.password, user.passwordHash))) {
      return reply.code(401).send({ error: 'wrong email or password' });
    }
    return { access_token: app.jwt.sign({ sub: user.id }) };
  });

  app.get('/users/me', {
    onRequest: [app.authenticate],
    schema: { summary: 'The current user', tags: ['auth'], security: [{ bearerAuth: [] }] },
  }, async (request) => {
    return app.prisma.user.findUniqueOrThrow({ where: { id: request.user.sub }, select: { id: true, email: true } });
  });
};

export default authRoutes;
