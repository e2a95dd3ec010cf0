<%@ taglib prefix="s" uri="/struts-tags" %>
<html><body>
<h1>Your order</h1>
<s:form action="place" method="post" theme="simple">
  <s:textfield name="item"/> <s:textfield name="quantity"/>
  <s:token/>
  <s:submit value="Place order"/>
</s:form>
</body></html>
