DROP TABLE recipes;
DROP TABLE users;
