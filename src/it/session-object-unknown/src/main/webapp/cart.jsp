<%-- a page whose code Tomcat compiles at run time: the session analysis does not read it, and says so --%>
<% session.setAttribute("lastPage", "cart"); %>
cart
