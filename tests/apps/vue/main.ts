// A Vue 3 app: App.vue uses <iris-classifier>; main.ts registers it.
import { createApp } from 'vue';
import 'iris-classifier/widget';
import App from './App.vue';

createApp(App).mount('#app');
