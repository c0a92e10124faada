/**
 * Demo data for a first look around (the demo environment only).
 */
@Module
package se.bredvid.demo;

import se.bredvid.platform.Module;
