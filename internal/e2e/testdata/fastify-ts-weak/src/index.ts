import 'dotenv/config';
import Fastify from 'fastify';
import { Pool } from 'pg';

const fastify = Fastify();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

interface Order {
  id?: number;
  product: string;
  amount: number;
}

fastify.get('/', async () => {
  return { hello: 'world' };
});

fastify.get('/orders', async () => {
  const result = await pool.query('SELECT * FROM orders');
  return result.rows;
});

fastify.post('/orders', async (request) => {
  const order = request.body as Order;
  const result = await pool.query('INSERT INTO orders (product, amount) VALUES ($1, $2) RETURNING *', [order.product, order.amount]);
  return result.rows[0];
});

fastify.listen({ port: 3000 }, (err) => {
  if (err) throw err;
  console.log('Server running on port 3000');
});
