package shop;

public class Person {
    String name;
}
