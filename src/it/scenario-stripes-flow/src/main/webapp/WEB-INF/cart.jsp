<html><body>
<p>Cart: ${actionBean.items}, total ${actionBean.total}</p>
</body></html>
