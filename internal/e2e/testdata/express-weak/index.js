require('dotenv').config();
const express = require('express');
const mongoose = require('mongoose');

const app = express();
app.use(express.json());

mongoose.connect(process.env.MONGO_URL);

const Product = mongoose.model('Product', new mongoose.Schema({ name: String, price: Number }));

app.get('/', (req, res) => {
  res.send('Hello World!');
});

app.get('/products', async (req, res) => {
  const products = await Product.find();
  res.json(products);
});

app.post('/products', async (req, res) => {
  const product = await Product.create(req.body);
  res.json(product);
});

app.listen(3000, () => {
  console.log('Server running on port 3000');
});
