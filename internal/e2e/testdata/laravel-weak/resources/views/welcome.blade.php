<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Laravel</title>
    </head>
    <body>
        <h1>Laravel</h1>
    </body>
</html>
