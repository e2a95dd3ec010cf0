<%= session.getId() %>
