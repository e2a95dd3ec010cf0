<html>
<body>
<h2>Hello World!</h2>
</body>
</html>
