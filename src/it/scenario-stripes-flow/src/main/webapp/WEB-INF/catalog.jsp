<%@ taglib prefix="stripes" uri="http://stripes.sourceforge.net/stripes.tld" %>
<html><body>
<h1>Catalog</h1>
<stripes:form action="/Cart.action">
  <stripes:hidden name="item" value="apple"/>
  <stripes:submit name="addItem" value="Add an apple"/>
</stripes:form>
</body></html>
