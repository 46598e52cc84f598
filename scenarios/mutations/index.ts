/** @module The mutation library: generic verbs and DOM helpers; family files are imported directly. */
export * from './basic.js';
export * from './dom.js';
