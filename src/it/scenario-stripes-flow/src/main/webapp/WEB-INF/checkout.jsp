<html><body>
<p>Order: ${actionBean.items}, total ${actionBean.total}</p>
</body></html>
