package org.omotenashi.survey.api;

/** The languages a guest can be asked in. */
public enum Language {
    NL, EN
}
