package dev.ecsmedic.template;

/** A template that CloudFormation or SAM would reject, or that this reader cannot interpret, with the reason. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
