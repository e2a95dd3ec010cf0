package shop;

public class AuditTrail {
}
